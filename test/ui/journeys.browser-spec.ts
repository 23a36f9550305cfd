import type { Browser } from 'playwright-core';
import type { BrowserGlobals } from './support/browser-globals.js';
import { chooseOption, fitsWidth, launchBrowser, openAs, PHONE, screenshot, signInThroughUi, type UserPage } from './support/browser.js';
import { seedFederation, type Federation } from './support/seed.js';
import { startUiServer, type UiServer } from './support/ui-server.js';

/**
 * Each role's main journey in a real browser, one after the other on one federation, as they happen in a day:
 * a caseworker opens a worker's file and proposes aid; the supervisor approves it in the inbox while the
 * dashboard is open in another tab, and sees the figures move when the caseworker records the payment; an
 * auditor, in English, finds that payment with its whole chain and in the fund's ledger.
 */
describe('the day of a caseworker, a supervisor and an auditor in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let federation: Federation;
  let caseworker: UserPage;
  let supervisor: UserPage;
  let grantUrl: string;
  const receipt = `NX${Date.now().toString().slice(-8)}-0001`;

  beforeAll(async () => {
    server = await startUiServer();
    federation = await seedFederation(server.apiUrl, server.adminPassword);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a caseworker searches a file by name, reads its timeline and proposes aid from it', async () => {
    caseworker = await openAs(browser, server.origin);
    const { page } = caseworker;
    await signInThroughUi(page, federation.users.caseworker, federation.password);
    await page.getByRole('menuitem', { name: '困难职工帮扶' }).click();
    await page.getByRole('menuitem', { name: '困难职工档案' }).click();
    await page.getByRole('heading', { name: '困难职工档案' }).waitFor();
    await page.getByRole('textbox', { name: '姓名' }).fill(federation.file.name);
    await page.getByRole('button', { name: '搜索' }).first().click();
    await page.getByRole('link', { name: federation.file.name }).click();

    await page.getByRole('heading', { name: `档案：${federation.file.name}` }).waitFor();
    const timeline = page.getByTestId('file-timeline');
    await timeline.getByText('走访慰问').first().waitFor();
    expect(await timeline.textContent()).toContain('建立档案');
    await screenshot(page, 'journey-1-caseworker-file');

    await page.getByTestId('propose-aid').click();
    await page.getByRole('heading', { name: '提出救助' }).waitFor();
    expect(page.url()).toContain(`hardshipFileId=${federation.file.id}`);
    await chooseOption(page, '救助项目', '两节');
    await chooseOption(page, '支出资金账户', federation.fundName);
    await page.getByLabel('救助金额（元）').fill('1500');
    await page.getByLabel('申请理由').fill('本人术后化疗，家庭人均收入低于低保标准，春节前送温暖');
    // A half-filled form survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: '提出救助' }).waitFor();
    expect(await page.getByLabel('救助金额（元）').inputValue()).toContain('1500');
    expect(await page.getByLabel('申请理由').inputValue()).toContain('春节前送温暖');
    await screenshot(page, 'journey-1-caseworker-propose-aid');

    await page.getByRole('button', { name: '提交申请' }).click();
    const confirm = page.getByTestId('confirm-money');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('1,500.00');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('grant-status').filter({ hasText: '待审批' }).first().waitFor();
    grantUrl = new URL(page.url()).pathname;
    expect(grantUrl).toMatch(/^\/aid-grants\/[0-9a-f-]{36}$/);
    await screenshot(page, 'journey-1-caseworker-grant-proposed');
    expect(caseworker.problems).toEqual([]);
  });

  it('the supervisor approves it from the inbox and watches the dashboard move live when it is paid', async () => {
    supervisor = await openAs(browser, server.origin);
    const dashboard = supervisor.page;
    await signInThroughUi(dashboard, federation.users.supervisor, federation.password);
    await dashboard.getByRole('menuitem', { name: '统计与报告' }).click();
    await dashboard.getByRole('menuitem', { name: '目标完成看板' }).click();
    await dashboard.getByTestId('live-status').and(dashboard.locator('[data-state="live"]')).waitFor();
    const aidPaid = dashboard.getByTestId('metric-aid_paid_fen').getByTestId('metric-actual');
    const households = dashboard.getByTestId('metric-households_helped').getByTestId('metric-actual');
    expect(await aidPaid.textContent()).toContain('0.00');
    expect((await households.textContent())?.trim()).toBe('0');
    // Marks this document: a reload or navigation would lose it, so its survival shows the update came live.
    await dashboard.evaluate(() => ((globalThis as unknown as BrowserGlobals).stayedOpen = true));
    await screenshot(dashboard, 'journey-2-supervisor-dashboard-before');

    const inbox = await supervisor.context.newPage();
    inbox.on('pageerror', (error) => supervisor.problems.push(`pageerror: ${error.message}`));
    await inbox.goto('/');
    await inbox.getByRole('menuitem', { name: '救助' }).click();
    await inbox.getByRole('menuitem', { name: '审批待办' }).click();
    const row = inbox.getByRole('row', { name: new RegExp(federation.file.name) });
    await row.waitFor();
    expect(await row.textContent()).toContain('1,500.00');
    await screenshot(inbox, 'journey-2-supervisor-inbox');
    await row.getByRole('button', { name: /批准/ }).click();
    await inbox.getByTestId('confirm-money').waitFor();
    await inbox.getByRole('button', { name: '确认' }).click();
    await row.waitFor({ state: 'detached' });

    // The caseworker pays it; the supervisor's dashboard, untouched, shows the money and the household.
    const { page } = caseworker;
    await page.goto(grantUrl);
    await page.getByTestId('grant-status').filter({ hasText: '已批准' }).first().waitFor();
    await page.getByRole('button', { name: '登记发放' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('收据编号') });
    await dialog.waitFor();
    await dialog.getByText('银行转账', { exact: true }).click();
    await dialog.getByLabel('收据编号').fill(receipt);
    await dialog.getByRole('button', { name: '登记发放' }).click();
    await page.getByTestId('confirm-money').waitFor();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('grant-status').filter({ hasText: '已发放' }).first().waitFor();
    await screenshot(page, 'journey-2-caseworker-grant-paid');

    await aidPaid.filter({ hasText: '1,500.00' }).waitFor({ timeout: 15_000 });
    expect((await households.textContent())?.trim()).toBe('1');
    expect(await dashboard.evaluate(() => (globalThis as unknown as BrowserGlobals).stayedOpen)).toBe(true);
    await screenshot(dashboard, 'journey-2-supervisor-dashboard-after');

    // The drill-down behind the figure is the grant just paid.
    await aidPaid.click();
    const drawer = dashboard.getByRole('dialog');
    await drawer.getByTestId('drill-total').waitFor();
    expect(await drawer.textContent()).toContain(grantUrl.split('/').pop()!.slice(0, 8));
    await screenshot(dashboard, 'journey-2-supervisor-drill-down');
    expect(supervisor.problems).toEqual([]);
    expect(caseworker.problems).toEqual([]);
  });

  it('the supervisor previews the annual report and can download it as Word', async () => {
    const { page } = supervisor;
    await page.goto('/reports/annual');
    const preview = page.getByTestId('report-preview');
    await preview.waitFor();
    await preview.getByText('1,500.00').first().waitFor();
    const download = page.getByRole('link', { name: /下载 Word/ });
    const href = await download.getAttribute('href');
    expect(href).toContain('format=docx');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('officedocument.wordprocessingml');
    await screenshot(page, 'journey-3-supervisor-annual-report');
  });

  it('an auditor, in English, finds the payment with its chain and in the fund ledger, and verifies the log', async () => {
    const auditor = await openAs(browser, server.origin, undefined, 'en');
    const { page } = auditor;
    await signInThroughUi(page, federation.users.auditor, federation.password);
    await page.getByRole('menuitem', { name: 'Funds and ledgers' }).click();
    await page.getByRole('menuitem', { name: 'Disbursements' }).click();
    await page.getByRole('heading', { name: 'Disbursements' }).waitFor();
    await page.getByLabel(/Receipt/).first().fill(receipt);
    await page.getByRole('button', { name: 'Search' }).first().click();
    const row = page.locator(`[data-testid="disbursement-row"][data-receipt="${receipt}"]`);
    await row.waitFor();
    expect(await page.getByTestId('disbursement-row').count()).toBe(1);
    expect(await row.textContent()).toContain('1,500.00');
    await row.getByTestId('disbursement-chain-button').click();
    const chain = page.getByTestId('disbursement-chain');
    await chain.getByTestId('chain-disbursement').waitFor();
    const chainText = (await chain.textContent()) ?? '';
    expect(chainText).toContain('李娜'); // proposed and paid by the caseworker
    expect(chainText).toContain('王强'); // approved by the supervisor
    expect(chainText).toContain(receipt);
    expect(await chain.getByTestId('chain-file-link').getAttribute('href')).toBe(`/hardship-files/${federation.file.id}`);
    await screenshot(page, 'journey-4-auditor-disbursement-chain');
    await page.keyboard.press('Escape');

    await page.goto(`/funds/${federation.fundId}`);
    await page.getByTestId('ledger-row').first().waitFor();
    const ledger = (await page.getByTestId('ledger-row').allTextContents()).join('\n');
    expect(ledger).toContain('1,500.00');
    await page.getByTestId('replay-verdict').waitFor();
    expect(await page.getByTestId('replay-verdict').textContent()).toMatch(/match/i);
    await screenshot(page, 'journey-4-auditor-fund-ledger');

    await page.goto('/audit/verify');
    await page.getByRole('button', { name: /verif/i }).first().click();
    await page.getByTestId('verify-verdict').waitFor();
    expect(await page.getByTestId('verify-verdict').textContent()).toMatch(/intact/i);
    await screenshot(page, 'journey-4-auditor-verify');
    expect(auditor.problems).toEqual([]);
    await auditor.context.close();
  });

  it('fits a phone: the caseworker file page and the supervisor dashboard at 390 px', async () => {
    const phone = await openAs(browser, server.origin, PHONE);
    await signInThroughUi(phone.page, federation.users.caseworker, federation.password);
    await phone.page.goto(`/hardship-files/${federation.file.id}`);
    await phone.page.getByTestId('file-timeline').waitFor();
    expect(await fitsWidth(phone.page)).toMatchObject({ fits: true });
    await screenshot(phone.page, 'journey-5-phone-caseworker-file');
    await phone.context.close();

    const phoneSupervisor = await openAs(browser, server.origin, PHONE);
    await signInThroughUi(phoneSupervisor.page, federation.users.supervisor, federation.password);
    await phoneSupervisor.page.goto('/dashboard');
    await phoneSupervisor.page.getByTestId('metric-aid_paid_fen').waitFor();
    expect(await fitsWidth(phoneSupervisor.page)).toMatchObject({ fits: true });
    await screenshot(phoneSupervisor.page, 'journey-5-phone-supervisor-dashboard');
    expect([...phone.problems, ...phoneSupervisor.problems]).toEqual([]);
    await phoneSupervisor.context.close();
  });
});
