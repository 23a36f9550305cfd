import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { BrowserGlobals } from './browser-globals.js';

/**
 * Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), driven by playwright-core: a browser
 * that a test tool downloads by itself cannot be fetched on these machines. CHROMIUM_PATH names another one.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join('test-output', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI has no sandbox; the rest keeps Chromium off the network this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface UserPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions the page raised (a 401 before sign-in is expected and not kept). */
  readonly problems: string[];
}

export async function openAs(browser: Browser, origin: string, viewport = DESKTOP, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<UserPage> {
  const context = await browser.newContext({ viewport, locale: language === 'en' ? 'en-US' : 'zh-CN', baseURL: origin });
  await context.addInitScript((lang) => {
    const { localStorage } = globalThis as unknown as BrowserGlobals;
    if (!localStorage.getItem('unioncase.language')) localStorage.setItem('unioncase.language', lang);
  }, language);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The app asks who is signed in before anyone is, and a user-caused refusal is shown on the page itself.
    if (/status of (401|400|403|404|409|412|422)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

export async function signInThroughUi(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByTestId('current-user').or(page.getByTestId('current-user-mobile')).or(page.getByRole('button', { name: 'menu' })).first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let a pending fetch settle and charts draw before the picture.
  await page.waitForLoadState('networkidle', { timeout: 2500 }).catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when nothing sticks out sideways: the page fits the viewport's width. */
export async function fitsWidth(page: Page): Promise<{ fits: boolean; scrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as BrowserGlobals;
    return { fits: document.documentElement.scrollWidth <= innerWidth + 1, scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
  });
}

/** antd selects hide their options from the accessibility tree until typed into: type, then take the match. */
export async function chooseOption(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(text);
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** The API requests a page sends, to show that a refused form or a cancelled confirmation sent nothing. */
export function recordRequests(page: Page, method: string, pathPattern: RegExp): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.method() === method && pathPattern.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}
