import type { Browser } from 'playwright-core';
import { DESKTOP, fitsWidth, launchBrowser, openAs, PHONE, screenshot, signInThroughUi } from './support/browser.js';
import { runDemoDataCommand, startUiServer, type UiServer } from './support/ui-server.js';

/** Sign-in, the language switch and each role's menu, at a desktop's and a phone's width. */
describe('the admin UI shell', () => {
  let server: UiServer;
  let browser: Browser;
  // What `npm run demo-data` makes, and says it made.
  const federation = {
    password: 'Fenhe-bridge-2026!',
    users: { caseworker: 'li.na', supervisor: 'wang.qiang', auditor: 'zhao.min', admin: 'admin' },
  };

  beforeAll(async () => {
    server = await startUiServer();
    const demo = await runDemoDataCommand(server, federation.password);
    if (demo.code !== 0) throw new Error(`npm run demo-data failed (${demo.code}):\n${demo.output}`);
    for (const username of Object.values(federation.users).slice(0, 3)) expect(demo.output).toContain(username);
    expect(demo.output).not.toContain(federation.password);
    expect(demo.output).not.toContain(server.adminPassword);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password in Chinese, then signs in and out', async () => {
    const { page, context, problems } = await openAs(browser, server.origin);
    await page.goto('/');
    await page.getByLabel('用户名').fill(federation.users.caseworker);
    await page.getByLabel('密码').fill('not-the-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expectText(page.getByRole('alert'), '用户名或密码错误');
    await screenshot(page, 'shell-sign-in-refused-zh');

    await page.getByLabel('密码').fill(federation.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('李娜');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['caseworker', ['困难职工档案', '企业名录', '求职人员'], ['审批待办', '日志校验', '账号']],
    ['supervisor', ['审批待办', '目标完成看板', '年度报告'], ['日志校验', '账号']],
    ['auditor', ['发放记录', '资金台账', '日志校验', '访问日志'], ['审批待办', '组织单位', '提出救助']],
    ['admin', ['账号', '组织单位', '年度目标'], ['审批待办', '困难职工档案']],
  ] as const)('shows the %s only the menu entries the role may use', async (role, shown, hidden) => {
    const { page, context, problems } = await openAs(browser, server.origin, DESKTOP);
    const password = role === 'admin' ? server.adminPassword : federation.password;
    await signInThroughUi(page, federation.users[role], password);
    const menu = page.getByRole('navigation').first();
    // Groups open on click; the home page lists every entry of the role as a shortcut card too.
    const text = (await page.locator('main, section.page').first().textContent()) ?? '';
    for (const entry of shown) expect(text).toContain(entry);
    for (const entry of hidden) expect(text).not.toContain(entry);
    await screenshot(page, `shell-home-${role}-desktop`);
    expect(await menu.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches to English and keeps the choice across a reload', async () => {
    const { page, context } = await openAs(browser, server.origin);
    await signInThroughUi(page, federation.users.supervisor, federation.password);
    await page.getByTestId('language-switch').click();
    await page.getByTitle('English').click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /Hello, 王强/ }).waitFor();
    await screenshot(page, 'shell-home-supervisor-en');
    await context.close();
  });

  it('fits a 390 px phone screen, with the menu in a drawer', async () => {
    const { page, context, problems } = await openAs(browser, server.origin, PHONE);
    await signInThroughUi(page, federation.users.caseworker, federation.password);
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    await page.getByRole('button', { name: 'menu' }).click();
    await page.getByRole('dialog').getByText('困难职工帮扶').waitFor();
    await screenshot(page, 'shell-menu-caseworker-phone');
    expect(await fitsWidth(page)).toMatchObject({ fits: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
  expect(await locator.first().textContent()).toContain(text);
}
