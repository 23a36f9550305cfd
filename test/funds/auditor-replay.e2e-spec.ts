import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { api as http, eventually, type SignedInUser, type TestApp, startTestApp } from '../support/test-app.js';
import { residentId } from '../support/resident-ids.js';

/**
 * The auditor's question, asked of a history made through the command routes as caseworkers and supervisors make
 * it: what did the fund hold at a past moment, and which payments, approved by whom, with which receipts, took it
 * from there to now?
 */
const clock = new ManualClock('2026-07-01T01:00:00Z'); // 09:00 in Shanghai
let testApp: TestApp;
let url: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let auditor: SignedInUser;
let siblingAuditor: SignedInUser;
let township: string;


const api = (method: string, path: string, user: SignedInUser, body?: unknown) => http(url, method, path, { token: user.token, body });
/** Sessions end after 30 idle minutes, so the morning moves on in short steps. */
const later = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000));

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  const sibling = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', testApp.rootUnitId, 'wang.supervisor');
  auditor = await testApp.createUser('auditor', testApp.rootUnitId, 'zhou.auditor');
  siblingAuditor = await testApp.createUser('auditor', sibling, 'xi.auditor');
  expect((await api('PUT', `/aid-policies/${testApp.rootUnitId}/approval-threshold`, testApp.admin, { thresholdFen: 100_000 })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await testApp?.close();
});

it('answers a past balance and lists every payment since, with proposal, approval, receipt and the events behind it', async () => {
  const fund = await api('POST', '/funds', supervisor, { unitId: testApp.rootUnitId, source: 'government_allocation', name: '2026年帮扶专项资金' });
  const fundId = fund.body.id;
  expect((await api('POST', `/funds/${fundId}/allocations`, supervisor, { amountFen: 1_000_000, reference: '尧财社〔2026〕9号', receivedOn: '2026-07-01' })).status).toBe(201);
  const programme = await api('POST', '/aid-programmes', supervisor, {
    unitId: testApp.rootUnitId,
    year: 2026,
    kind: 'living_subsidy',
    name: '2026年生活救助',
    householdCapFen: 300_000,
    oneGrantPerHousehold: false,
    eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] },
    opensOn: '2026-01-01',
    closesOn: '2026-12-31',
  });
  const propose = (index: number, amountFen: number) =>
    api('POST', '/aid-grants', caseworker, {
      programmeId: programme.body.id,
      fundId,
      recipient: { kind: 'worker', unitId: township, name: `职工${index}`, residentId: residentId(`14100219850505${String(index).padStart(3, '0')}`) },
      amountFen,
      reason: '家庭生活困难',
    });

  const shown = await eventually(async () => {
    const detail = await api('GET', `/aid-programmes/${programme.body.id}`, caseworker);
    expect(detail.status).toBe(200);
    return detail.body;
  });
  expect(shown).toMatchObject({ approvalThresholdFen: 100_000, householdCapFen: 300_000, status: 'open' });

  later(5);
  const small = await propose(1, 80_000);
  const large = await propose(2, 250_000);
  expect([small.body.status, large.body.status]).toEqual(['granted', 'proposed']);
  later(5);
  expect((await api('POST', `/aid-grants/${large.body.id}/approval`, supervisor)).status).toBe(200);
  const beforePayments = clock.now().toISOString();

  later(5);
  expect((await api('POST', `/aid-grants/${small.body.id}/disbursement`, caseworker, { method: 'cash', receiptReference: 'XJ-0701-01', paidOn: '2026-07-01' })).status).toBe(200);
  expect(
    (await api('POST', `/aid-grants/${large.body.id}/disbursement`, caseworker, { method: 'bank_transfer', receiptReference: 'YH-20260701-5521', paidOn: '2026-07-01' })).status,
  ).toBe(200);

  const now = await eventually(async () => {
    const current = await api('GET', `/funds/${fundId}`, auditor);
    expect(current.body).toMatchObject({ balanceFen: 670_000, reservedFen: 0 });
    return current.body;
  });
  const past = await api('GET', `/funds/${fundId}/balance?asOf=${encodeURIComponent(beforePayments)}`, auditor);
  expect(past.status).toBe(200);
  expect(past.body).toMatchObject({ balanceFen: 1_000_000, reservedFen: 330_000, availableFen: 670_000 });

  const since = await api('GET', `/disbursements?fundId=${fundId}&from=2026-07-01`, auditor);
  expect(since.status).toBe(200);
  expect(since.body.totals).toMatchObject({ count: 2, netFen: past.body.balanceFen - now.balanceFen });
  const byReceipt = Object.fromEntries(since.body.items.map((item: { disbursement: { receiptReference: string } }) => [item.disbursement.receiptReference, item]));
  expect(byReceipt['XJ-0701-01']).toMatchObject({
    amountFen: 80_000,
    proposal: { by: { userId: caseworker.userId } },
    approval: { kind: 'within_threshold', by: null },
    disbursement: { method: 'cash', paidOn: '2026-07-01', by: { userId: caseworker.userId } },
  });
  expect(byReceipt['YH-20260701-5521']).toMatchObject({
    amountFen: 250_000,
    approval: { kind: 'supervisor', by: { userId: supervisor.userId } },
    disbursement: { method: 'bank_transfer' },
  });
  for (const item of since.body.items) {
    expect(item.events.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['AidProposed', 'AidGranted', 'AidDisbursed']));
    expect(item.fundEvents.map((event: { type: string }) => event.type)).toEqual(['AidReserved', 'AidPaidOut']);
  }

  const ledger = await api('GET', `/funds/${fundId}/ledger`, auditor);
  const allocation = ledger.body.items.find((line: { kind: string }) => line.kind === 'allocation');
  expect(allocation).toMatchObject({ actor: supervisor.userId, actorName: expect.stringMatching(/^supervisor \d+$/), amountFen: 1_000_000, balanceAfterFen: 1_000_000 });
  const csv = await http(url, 'GET', `/funds/${fundId}/ledger/export?format=csv`, { token: auditor.token });
  expect(csv.text).toContain(allocation.actorName);

  const replay = await api('GET', `/funds/${fundId}/replay`, auditor);
  expect(replay.body).toMatchObject({ matches: true, balanceFen: 670_000 });
  // An auditor of a sibling township sees neither the cases nor their payments.
  expect((await api('GET', `/disbursements?fundId=${fundId}`, siblingAuditor)).body.total).toBe(0);
}, 60_000);
