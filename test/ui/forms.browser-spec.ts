import type { Browser } from 'playwright-core';
import { creditCode } from '../../apps/api/src/cli/demo-federation.js';
import { chooseOption, launchBrowser, openAs, recordRequests, screenshot, signInThroughUi } from './support/browser.js';
import { seedFederation, type Federation } from './support/seed.js';
import { startUiServer, type UiServer } from './support/ui-server.js';

/**
 * How forms behave for the people filling them: the keyboard alone signs in; a form refuses in the browser
 * what the server would refuse, and shows the server's own refusal beside the field it concerns; a money
 * movement waits for a confirmation and sends nothing when it is cancelled; an auditor's as-of balance.
 */
describe('forms in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let federation: Federation;

  beforeAll(async () => {
    server = await startUiServer();
    federation = await seedFederation(server.apiUrl, server.adminPassword);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with the keyboard alone', async () => {
    const { page, context, problems } = await openAs(browser, server.origin);
    await page.goto('/');
    // The username field has the focus when the page opens.
    const username = page.getByLabel('用户名');
    await username.waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'sign-in_username');
    await page.keyboard.type(federation.users.caseworker);
    await page.keyboard.press('Tab');
    await page.keyboard.type(federation.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
    // The menu is reachable with Tab too: its entries are focusable items.
    await page.getByRole('menuitem', { name: '工作台' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      () => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent === '组织建设',
      undefined,
      { timeout: 5000 },
    );
    // Enter opens the group, and Enter on an entry goes there.
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '企业名录' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '企业名录' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('checks a credit code in the browser, and shows the server refusing a taken one beside the field', async () => {
    const { page, context, problems } = await openAs(browser, server.origin);
    await signInThroughUi(page, federation.users.caseworker, federation.password);
    const posts = recordRequests(page, 'POST', /^\/api\/enterprises$/);
    await page.goto('/enterprises/new');
    await page.getByLabel('企业名称').fill('临汾市尧都区汾河商贸有限公司');
    await chooseOption(page, '所属行业', '制造');
    await page.getByLabel('职工人数', { exact: true }).fill('40');
    await page.getByLabel('女职工人数').fill('18');
    const taken = creditCode(7001);
    const wrongCheck = `${taken.slice(0, 17)}${taken[17] === '0' ? '1' : '0'}`;
    const codeField = page.locator('.ant-form-item').filter({ has: page.getByLabel('统一社会信用代码') });
    await page.getByLabel('统一社会信用代码').fill(wrongCheck);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await codeField.locator('.ant-form-item-explain-error').first().waitFor();
    expect(posts).toEqual([]);
    await screenshot(page, 'forms-credit-code-refused-in-browser');

    await page.getByLabel('统一社会信用代码').fill(taken);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    // The browser's own complaint goes, and the server's refusal takes its place beside the field, in Chinese.
    const errors = codeField.locator('.ant-form-item-explain-error');
    await errors.filter({ hasText: '校验码' }).waitFor({ state: 'detached' });
    await errors.filter({ hasText: '已登记' }).waitFor();
    expect(posts).toHaveLength(1);
    expect(await page.locator('.ant-alert-error').textContent()).toContain('统一社会信用代码');
    // Nothing typed was lost.
    expect(await page.getByLabel('企业名称').inputValue()).toBe('临汾市尧都区汾河商贸有限公司');
    await screenshot(page, 'forms-credit-code-refused-by-server');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks before money moves, and sends nothing when the supervisor cancels', async () => {
    const { page, context, problems } = await openAs(browser, server.origin);
    await signInThroughUi(page, federation.users.supervisor, federation.password);
    const posts = recordRequests(page, 'POST', /\/allocations$/);
    await page.goto(`/funds/${federation.fundId}`);
    await page.getByRole('button', { name: '拨款', exact: true }).click();
    const form = page.getByTestId('money-form-allocate');
    await form.waitFor();
    await form.getByLabel('金额（元）').fill('20000');
    await form.getByLabel('拨款文号或凭证号').fill('尧财社〔2026〕21号');
    await form.getByRole('button', { name: '提交' }).click();
    const confirm = page.getByTestId('confirm-money');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('20,000.00');
    await screenshot(page, 'forms-money-confirmation');
    await page.getByRole('button', { name: '取消' }).last().click();
    await confirm.waitFor({ state: 'detached' });
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('gives an auditor the balance of a fund as of a chosen date', async () => {
    const { page, context, problems } = await openAs(browser, server.origin);
    await signInThroughUi(page, federation.users.auditor, federation.password);
    await page.goto(`/funds/${federation.fundId}`);
    const result = page.getByTestId('balance-as-of-result');
    await result.filter({ hasText: '500,000.00' }).waitFor();
    const picker = page.getByLabel('截至日期');
    const yesterday = new Date(Date.parse(`${federation.today}T12:00:00+08:00`) - 86_400_000).toISOString().slice(0, 10);
    await picker.click();
    await picker.fill(yesterday);
    await picker.press('Enter');
    await result.filter({ hasNotText: '500,000.00' }).waitFor();
    expect(await result.textContent()).toContain('0.00');
    await screenshot(page, 'forms-balance-as-of-yesterday');
    expect(problems).toEqual([]);
    await context.close();
  });
});
