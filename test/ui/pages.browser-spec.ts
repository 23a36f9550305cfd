import type { Browser, Page } from 'playwright-core';
import type { BrowserGlobals } from './support/browser-globals.js';
import { DESKTOP, fitsWidth, launchBrowser, openAs, PHONE, screenshot, signInThroughUi, type UserPage } from './support/browser.js';
import { seedFederation, type Federation } from './support/seed.js';
import { startUiServer, type UiServer } from './support/ui-server.js';

type Role = 'caseworker' | 'supervisor' | 'auditor' | 'admin';

/**
 * Every page each role reaches from its menu, and the case pages behind them, on a seeded federation: each
 * draws its heading and its data without a console error, and nothing sticks out sideways at 1280 px in
 * Chinese or at 390 px in English. The screenshots are the record of what each page shows.
 */
describe('every page of the admin UI, in both languages and at both widths', () => {
  let server: UiServer;
  let browser: Browser;
  let federation: Federation;
  const visited = new Set<string>();

  beforeAll(async () => {
    server = await startUiServer();
    federation = await seedFederation(server.apiUrl, server.adminPassword);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const passwordOf = (role: Role) => (role === 'admin' ? server.adminPassword : federation.password);

  it.each(['caseworker', 'supervisor', 'auditor', 'admin'] as const)('the %s menu pages, desktop, Chinese', async (role) => {
    const user = await openAs(browser, server.origin, DESKTOP, 'zh-CN');
    await signInThroughUi(user.page, federation.users[role], passwordOf(role));
    const paths = await menuPaths(user.page);
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) {
      const key = `desktop:${path}`;
      if (visited.has(key)) continue;
      visited.add(key);
      await checkPage(user, path, `page-zh-desktop-${role}${path.replaceAll('/', '-')}`);
    }
    expect(user.problems).toEqual([]);
    await user.context.close();
  });

  it.each(['caseworker', 'supervisor', 'auditor', 'admin'] as const)('the %s menu pages, phone, English', async (role) => {
    const user = await openAs(browser, server.origin, PHONE, 'en');
    await signInThroughUi(user.page, federation.users[role], passwordOf(role));
    await user.page.getByRole('button', { name: 'menu' }).click();
    const paths = await menuPaths(user.page, user.page.getByRole('dialog'));
    await user.page.keyboard.press('Escape');
    for (const path of paths) {
      const key = `phone:${path}`;
      if (visited.has(key)) continue;
      visited.add(key);
      await checkPage(user, path, `page-en-phone-${role}${path.replaceAll('/', '-')}`);
    }
    expect(user.problems).toEqual([]);
    await user.context.close();
  });

  it('the case pages behind the lists, at both widths', async () => {
    const cases = [
      `/enterprises/${federation.enterpriseId}`,
      `/unions/${federation.unionId}`,
      `/wage-talks/${federation.talksId}`,
      `/hardship-files/${federation.file.id}`,
      `/job-seekers/${federation.seekerId}`,
      `/funds/${federation.fundId}`,
    ];
    for (const [viewport, language] of [
      [DESKTOP, 'zh-CN'],
      [PHONE, 'en'],
    ] as const) {
      const user = await openAs(browser, server.origin, viewport, language);
      await signInThroughUi(user.page, federation.users.supervisor, federation.password);
      for (const path of cases) {
        const kind = path.split('/')[1];
        await checkPage(user, path, `case-${language}-${viewport.width}-${kind}`);
        // A case page shows the case: its name or its identifying words are on it, not an empty shell.
        expect(await user.page.locator('section.page').textContent()).toMatch(
          /恒达|张秀英|刘建军|帮扶专项资金|Hengda|张秀英|刘建军/,
        );
      }
      expect(user.problems).toEqual([]);
      await user.context.close();
    }
  });
});

/** Opens every group of the menu and reads where each entry leads by clicking it. */
async function menuPaths(page: Page, scope = page.locator('nav').first()): Promise<string[]> {
  for (;;) {
    const closed = scope.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
    if ((await closed.count()) === 0) break;
    await closed.first().click();
  }
  const entries = await scope.locator('li.ant-menu-item').count();
  const paths: string[] = [];
  for (let index = 0; index < entries; index++) {
    const before = new URL(page.url()).pathname;
    await scope.locator('li.ant-menu-item').nth(index).click();
    // Home, chosen while at home, goes nowhere.
    await page
      .waitForFunction((previous) => (globalThis as unknown as BrowserGlobals).location.pathname !== previous, before, { timeout: 3000 })
      .catch(() => undefined);
    const path = new URL(page.url()).pathname;
    if (path !== '/' && !paths.includes(path)) paths.push(path);
    if (await page.getByRole('button', { name: 'menu' }).isVisible()) {
      // On a phone the drawer closes on a choice: open it again for the next entry.
      await page.getByRole('button', { name: 'menu' }).click();
      await scope.locator('li.ant-menu-item').nth(index).waitFor();
    }
  }
  return paths;
}

async function checkPage(user: UserPage, path: string, name: string): Promise<void> {
  const { page } = user;
  await page.goto(path);
  const heading = page.locator('section.page h2').first();
  await heading.waitFor();
  expect((await heading.textContent())?.trim().length).toBeGreaterThan(0);
  // Data, not a skeleton: wait for loading placeholders to go.
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await screenshot(page, name);
  const width = await fitsWidth(page);
  if (!width.fits) throw new Error(`${path} is ${width.scrollWidth}px wide in a ${width.width}px window (${name})`);
  expect(await page.locator('.ant-result-403, .ant-result-404').count()).toBe(0);
}
