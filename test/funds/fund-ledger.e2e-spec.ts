import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { hardshipFileStreamName } from '#casework';
import { ANY, EventStore, type EventToAppend, type JsonObject } from '#event-store';
import { balanceAsOf, fundStreamName, ledgerEntriesOf, type FundLedgerEntry } from '#funds';
import { PersonalDataVault } from '#personal-data';
import { IdGenerator, type Fen } from '#shared-kernel';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { historyGaps, historyStep, simulateFundHistory, type HistoryDecision } from '../../libs/funds/src/testing/fund-history.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { readLog } from '../support/event-log.js';
import { api, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * The auditors' questions answered over a random but lawful history of two funds of a township and the grants
 * paid from them. The command routes are built beside this, so the history is appended straight to the app's
 * event store, made by the deciders (never below zero, restricted money for its purpose, steps in order).
 * Seeded: FUZZ_SEED explores other histories.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const clock = new ManualClock('2026-07-15T02:00:00Z');
let testApp: TestApp;
let township: string;
let sibling: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let auditor: SignedInUser;
let districtAuditor: SignedInUser;
let siblingAuditor: SignedInUser;
let history: HistoryDecision[];
let siblingHistory: HistoryDecision[];
const fundIds: string[] = [];
const siblingFundIds: string[] = [];
let districtFundId: string;
let programmeId: string;
let householdName: string;

const get = (path: string, user: SignedInUser) => api(testApp.baseUrl, 'GET', path, { token: user.token });

async function appendHistory(decisions: readonly HistoryDecision[]): Promise<void> {
  const store = testApp.app.get(EventStore);
  const ids = testApp.app.get(IdGenerator);
  for (const decision of decisions) {
    await store.appendToStreams(
      decision.appends.map(({ streamName, events }) => ({
        streamName,
        expectedRevision: ANY,
        events: events.map(
          (event): EventToAppend => ({
            type: event.type,
            data: event.data as JsonObject,
            metadata: { eventId: ids.newId(), occurredAt: decision.occurredAt, actor: decision.actor, correlationId: ids.newId(), causationId: ids.newId(), schemaVersion: 1 },
          }),
        ),
      })),
    );
  }
}

async function replayed(fundId: string): Promise<FundLedgerEntry[]> {
  return ledgerEntriesOf(await testApp.app.get(EventStore).readStream(fundStreamName(fundId)));
}

async function wholeLedger(fundId: string, user = auditor): Promise<FundLedgerEntry[]> {
  const entries: FundLedgerEntry[] = [];
  for (let page = 1; ; page++) {
    const response = await get(`/funds/${fundId}/ledger?page=${page}&pageSize=100`, user);
    expect(response.status).toBe(200);
    for (const { actorName, ...entry } of response.body.items as (FundLedgerEntry & { actorName: unknown })[]) {
      // The cash book names who recorded each line; the ledger itself (what replay rebuilds) holds their id.
      expect(actorName).toEqual(expect.any(String));
      entries.push(entry);
    }
    if (entries.length >= response.body.total) return entries;
  }
}

function steps(seed: number, length: number) {
  return fc.sample(fc.array(fc.record({ step: historyStep, gapMinutes: historyGaps }), { minLength: length, maxLength: length }), { numRuns: 1, seed })[0];
}

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  sibling = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'wang.supervisor');
  auditor = await testApp.createUser('auditor', township, 'zhou.auditor');
  districtAuditor = await testApp.createUser('auditor', testApp.rootUnitId, 'district.auditor');
  siblingAuditor = await testApp.createUser('auditor', sibling, 'xi.auditor');

  // A household on the register, and a worker helped without a file.
  householdName = '张秀英';
  const opened = await api(testApp.baseUrl, 'POST', '/hardship-files', {
    token: caseworker.token,
    body: {
      unitId: township, name: householdName, residentId: '11010519491231002X', gender: 'female', phone: '13812345678', address: '解放路12号',
      employerName: '某纺织有限公司', householdSize: 3, perCapitaMonthlyIncomeFen: 65_000, minimumLivingStandardFen: 78_000, categories: ['illness'],
      tier: 'deep', illnessDetails: '术后康复', surveyedOn: '2026-05-25', nextReviewDue: '2026-11-30',
      fiveClears: { familySituation: '三口之家', causeOfHardship: '患病', stateOfMind: '稳定', employmentNeeds: '就近就业', skills: '缝纫' },
    },
  });
  expect(opened.status).toBe(201);
  const fileId: string = opened.body.id;
  const vault = testApp.app.get(PersonalDataVault);
  const ids = testApp.app.get(IdGenerator);
  const filePersonId = (await testApp.app.get(EventStore).readStream(hardshipFileStreamName(fileId)))[0]?.data.worker as { personId: string } | undefined;
  const workerId = await vault.enrolWithoutResidentId();
  const worker = await vault.seal(workerId, { name: '李建国', residentId: '14100219750808104X' });

  programmeId = ids.newId();
  fundIds.push(ids.newId(), ids.newId());
  history = simulateFundHistory(
    {
      unitId: township,
      fundIds: fundIds as [string, string],
      programmeId,
      start: new Date('2026-01-05T01:00:00Z'),
      caseworker: caseworker.userId,
      supervisor: supervisor.userId,
      recipients: [
        { kind: 'hardship_file', fileId, personId: filePersonId?.personId ?? ids.newId() },
        { kind: 'worker', personId: workerId, worker },
      ],
      reason: await vault.seal(workerId, { reason: '子女上学，家庭困难' }),
      thresholdFen: 200_000 as Fen,
      newId: () => ids.newId(),
    },
    steps(SEED, 120),
  );
  siblingFundIds.push(ids.newId(), ids.newId());
  siblingHistory = simulateFundHistory(
    {
      unitId: sibling,
      fundIds: siblingFundIds as [string, string],
      programmeId: ids.newId(),
      start: new Date('2026-02-01T01:00:00Z'),
      caseworker: caseworker.userId,
      supervisor: supervisor.userId,
      recipients: [{ kind: 'worker', personId: workerId, worker }],
      reason: await vault.seal(workerId, { reason: '困难' }),
      thresholdFen: 200_000 as Fen,
      newId: () => ids.newId(),
    },
    steps(SEED + 1, 40),
  );
  districtFundId = ids.newId();
  const district: HistoryDecision[] = [
    {
      occurredAt: '2026-01-02T02:00:00.000Z',
      actor: testApp.admin.userId,
      appends: [
        {
          streamName: fundStreamName(districtFundId),
          events: [
            { type: 'FundOpened', data: { fundId: districtFundId, unitId: testApp.rootUnitId, source: 'union_funds', name: '区总工会帮扶资金', openedOn: '2026-01-02' } },
            { type: 'FundsAllocated', data: { fundId: districtFundId, allocationId: ids.newId(), amountFen: 50_000_000, reference: '尧工发〔2026〕1号', receivedOn: '2026-01-02' } },
          ],
        },
      ],
    },
  ];
  await appendHistory([...district, ...history, ...siblingHistory]);
  const store = testApp.app.get(EventStore);
  await testApp.app.get(ProjectorService).waitFor(await store.headPosition(), 30_000);
}, 120_000);

afterAll(async () => {
  await testApp?.close();
});

describe('a fund’s ledger', () => {
  it('is, line for line, the ledger replayed from the fund’s events, and the replay route says so', async () => {
    for (const fundId of fundIds) {
      const fromEvents = await replayed(fundId);
      expect(fromEvents.length).toBeGreaterThan(5);
      expect(await wholeLedger(fundId)).toEqual(fromEvents);
      const last = fromEvents[fromEvents.length - 1];
      const fund = await get(`/funds/${fundId}`, auditor);
      expect(fund.body).toMatchObject({ balanceFen: last.balanceAfterFen, reservedFen: last.reservedAfterFen, availableFen: last.balanceAfterFen - last.reservedAfterFen });
      expect(fund.body.pools.reduce((sum: number, pool: { balanceFen: number }) => sum + pool.balanceFen, 0)).toBe(last.balanceAfterFen);
      const replay = await get(`/funds/${fundId}/replay`, auditor);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ matches: true, entries: fromEvents.length, readModelEntries: fromEvents.length, balanceFen: last.balanceAfterFen });
      expect(replay.body.firstDifference).toBeUndefined();
    }
  });

  it('answers the balance as of random instants as the events that happened by then add up to', async () => {
    const instants = fc.sample(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-07-15T00:00:00Z'), noInvalidDate: true }), { numRuns: 8, seed: SEED });
    // Exactly at an event's instant and a millisecond before it: "by then" includes the instant itself.
    const atEvents = [history[10], history[Math.floor(history.length / 2)]].flatMap(({ occurredAt }) => [occurredAt, new Date(Date.parse(occurredAt) - 1).toISOString()]);
    const asOfs = [...instants.map((instant) => instant.toISOString()), ...atEvents, '2026-03-31', '2026-06-30', '2026-03-31T18:30:00+08:00'];
    for (const fundId of fundIds) {
      const fromEvents = await replayed(fundId);
      for (const asOf of asOfs) {
        const instant = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(`${asOf}T23:59:59.999+08:00`) : new Date(asOf);
        const expected = balanceAsOf(fromEvents, instant);
        const response = await get(`/funds/${fundId}/balance?asOf=${encodeURIComponent(asOf)}`, auditor);
        expect(response.status).toBe(200);
        expect({ query: asOf, ...response.body }).toMatchObject({
          query: asOf,
          balanceFen: expected.balanceFen,
          reservedFen: expected.reservedFen,
          availableFen: expected.balanceFen - expected.reservedFen,
          entriesCounted: expected.counted.length,
        });
        expect(response.body.asOf).toBe(instant.toISOString());
        expect(response.body.lastEntry?.eventId).toBe(expected.counted[expected.counted.length - 1]?.eventId);
        const replay = await get(`/funds/${fundId}/replay?asOf=${encodeURIComponent(asOf)}`, auditor);
        expect(replay.body).toMatchObject({ matches: true, entries: expected.counted.length, balanceFen: expected.balanceFen });
      }
      // Without asOf it is the balance now, which is the fund's live balance.
      const now = await get(`/funds/${fundId}/balance`, auditor);
      const live = await get(`/funds/${fundId}`, auditor);
      expect(now.status).toBe(200);
      expect(now.body.asOf).toBe(clock.now().toISOString());
      expect(now.body).toMatchObject({ balanceFen: live.body.balanceFen, reservedFen: live.body.reservedFen, availableFen: live.body.availableFen });
      expect(now.body.entriesCounted).toBe(fromEvents.length);
    }
  });

  it('reconciles: per fund opening + in − out is the closing balance, which the events agree with; per programme grants paid match the ledgers', async () => {
    const response = await get(`/funds/reconciliation?unitId=${township}&from=2026-01-01&to=2026-12-31`, auditor);
    expect(response.status).toBe(200);
    expect(response.body.reconciled).toBe(true);
    expect(response.body.funds.map((line: { fundId: string }) => line.fundId).sort()).toEqual([...fundIds].sort());
    for (const line of response.body.funds) {
      const fromEvents = await replayed(line.fundId);
      expect(line).toMatchObject({ reconciled: true, openingBalanceFen: 0, closingBalanceFen: fromEvents[fromEvents.length - 1].balanceAfterFen });
    }
    const disbursed = history.flatMap((decision) => decision.appends.flatMap((append) => append.events)).filter((event) => event.type === 'AidDisbursed');
    const [programme] = response.body.programmes.filter((line: { programmeId: string }) => line.programmeId === programmeId);
    expect(programme).toMatchObject({ reconciled: true, disbursedFromGrantsFen: disbursed.reduce((sum, event) => sum + (event.data as { amountFen: number }).amountFen, 0) });
    expect(programme.disbursedFromGrantsFen).toBe(programme.paidOutInLedgersFen);

    // A period in the middle: the opening balance is what the ledger held the evening before.
    const middle = await get(`/funds/reconciliation?unitId=${township}&from=2026-03-01&to=2026-04-30`, auditor);
    expect(middle.body.reconciled).toBe(true);
    for (const line of middle.body.funds) {
      expect(line.openingBalanceFen).toBe(balanceAsOf(await replayed(line.fundId), new Date('2026-02-28T23:59:59.999+08:00')).balanceFen);
    }
  });
});

describe('disbursements', () => {
  it('lists every payment of the period with its proposal, approval, case, receipt and the events behind it', async () => {
    const paid = history.flatMap((decision) => decision.appends.flatMap((append) => append.events)).filter((event) => event.type === 'AidDisbursed');
    expect(paid.length).toBeGreaterThan(0);
    const items: any[] = [];
    for (let page = 1; ; page++) {
      const response = await get(`/disbursements?from=2026-01-01&to=2026-12-31&unitId=${township}&page=${page}&pageSize=100`, auditor);
      expect(response.status).toBe(200);
      items.push(...response.body.items);
      if (items.length >= response.body.total) break;
    }
    expect(items.map((item) => item.id).sort()).toEqual(paid.map((event) => (event.data as { grantId: string }).grantId).sort());
    for (const item of items) {
      expect(item.disbursement).toMatchObject({ receiptReference: `SJ-${item.id.slice(0, 8)}`, by: { userId: caseworker.userId, displayName: expect.stringMatching(/^caseworker/) } });
      expect(item.proposal.by).toEqual({ userId: caseworker.userId, displayName: expect.stringMatching(/^caseworker/) });
      expect(item.approval).not.toBeNull();
      if (item.approval.kind === 'supervisor') expect(item.approval.by).toEqual({ userId: supervisor.userId, displayName: expect.stringMatching(/^supervisor/) });
      else expect(item.amountFen).toBeLessThanOrEqual(200_000);
      expect(item.recipient.name).toBe(item.recipient.kind === 'hardship_file' ? householdName : '李建国');
      expect(item.events.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['AidProposed', 'AidGranted', 'AidDisbursed']));
      expect(item.fundEvents.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['AidReserved', 'AidPaidOut']));
      if (item.status === 'reversed') expect(item.reversal).toMatchObject({ reason: '核实后调整' });
    }
    // The same period, by the district's auditor, includes the township's payments; the sibling's auditor sees none of them.
    const district = await get(`/disbursements?from=2026-01-01&to=2026-12-31&pageSize=100`, districtAuditor);
    expect(district.body.total).toBeGreaterThanOrEqual(items.length);
    const siblings = await get(`/disbursements?from=2026-01-01&to=2026-12-31&pageSize=100`, siblingAuditor);
    expect(siblings.body.items.filter((item: { unitId: string }) => item.unitId !== sibling)).toEqual([]);
  });

  it('exports the payments and the ledger as CSV and XLSX with Chinese headers and amounts in yuan', async () => {
    const csv = await get(`/disbursements/export?from=2026-01-01&to=2026-12-31&unitId=${township}`, auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^发放日期,项目,经费账户,单位,受助人,档案编号,金额\(元\),发放方式/);

    const ledger = await replayed(fundIds[0]);
    const ledgerCsv = await get(`/funds/${fundIds[0]}/ledger/export?format=csv`, auditor);
    const lines = ledgerCsv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^日期,摘要,收入\(元\),支出\(元\),余额\(元\)/);
    expect(lines).toHaveLength(ledger.length + 1);
    const last = ledger[ledger.length - 1];
    expect(lines[lines.length - 1].split(',')[4]).toBe((last.balanceAfterFen / 100).toFixed(2));

    const xlsx = await fetch(`${testApp.baseUrl}/funds/${fundIds[0]}/ledger/export?format=xlsx`, { headers: { authorization: `Bearer ${auditor.token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['日期', '摘要', '收入(元)', '支出(元)', '余额(元)']);
    expect(sheet.rowCount).toBe(ledger.length + 1);
    expect(sheet.getRow(sheet.rowCount).getCell(5).value).toBe(last.balanceAfterFen / 100);

    const paymentsXlsx = await fetch(`${testApp.baseUrl}/disbursements/export?format=xlsx&unitId=${township}`, { headers: { authorization: `Bearer ${auditor.token}` } });
    const payments = new ExcelJS.Workbook();
    await payments.xlsx.load(Buffer.from(await paymentsXlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect((payments.worksheets[0].getRow(1).values as unknown[]).slice(1, 8)).toEqual(['发放日期', '项目', '经费账户', '单位', '受助人', '档案编号', '金额(元)']);
  });
});

describe('who sees what', () => {
  it('lets auditors read every audit route, and a caseworker all but the replay', async () => {
    const [fundId] = fundIds;
    const routes = [
      '/funds', `/funds/${fundId}`, `/funds/${fundId}/ledger`, `/funds/${fundId}/ledger/export`, `/funds/${fundId}/balance?asOf=2026-06-30`,
      `/funds/${fundId}/replay`, '/funds/reconciliation', '/disbursements', '/disbursements/export', '/aid-grants', '/aid-programmes',
      `/aid-programmes/${programmeId}`,
    ];
    for (const route of routes) {
      expect({ route, status: (await get(route, auditor)).status }).toEqual({ route, status: 200 });
      expect({ route, status: (await get(route, districtAuditor)).status }).toEqual({ route, status: 200 });
    }
    expect((await get(`/funds/${fundId}/replay`, caseworker)).status).toBe(403);
    expect((await get(`/funds/${fundId}/replay`, supervisor)).status).toBe(200);
  });

  it('shows a township its own funds and its district’s, never a sibling township’s records', async () => {
    const listed = (await get('/funds?pageSize=100', auditor)).body.items.map((fund: { id: string }) => fund.id);
    expect(listed).toEqual(expect.arrayContaining([...fundIds, districtFundId]));
    expect(listed).not.toEqual(expect.arrayContaining([siblingFundIds[0]]));
    const [siblingFund] = siblingFundIds;
    for (const route of [`/funds/${siblingFund}`, `/funds/${siblingFund}/ledger`, `/funds/${siblingFund}/ledger/export`, `/funds/${siblingFund}/balance?asOf=2026-06-30`, `/funds/${siblingFund}/replay`]) {
      const response = await get(route, auditor);
      expect({ route, status: response.status }).toEqual({ route, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const siblingGrant = siblingHistory.flatMap((decision) => decision.appends).find((append) => append.streamName.startsWith('aid_grant-'));
    if (siblingGrant) expect((await get(`/aid-grants/${siblingGrant.streamName.slice('aid_grant-'.length)}`, auditor)).status).toBe(404);
    const grants = (await get('/aid-grants?pageSize=100', auditor)).body.items;
    expect(grants.filter((grant: { unitId: string }) => grant.unitId !== township)).toEqual([]);
    const reconciliation = (await get('/funds/reconciliation', auditor)).body;
    expect(reconciliation.funds.map((line: { fundId: string }) => line.fundId)).not.toContain(siblingFund);
    // The district's auditor sees both townships.
    const district = (await get('/funds?pageSize=100', districtAuditor)).body.items.map((fund: { id: string }) => fund.id);
    expect(district).toEqual(expect.arrayContaining([...fundIds, ...siblingFundIds, districtFundId]));
  });
});

describe('grants and programmes', () => {
  it('queues the proposals waiting for a supervisor, oldest first', async () => {
    const queue = await get('/aid-grants?status=proposed&pageSize=100', supervisor);
    expect(queue.status).toBe(200);
    const proposedAt = queue.body.items.map((grant: { status: string; proposal: { at: string }; amountFen: number }) => {
      expect(grant.status).toBe('proposed');
      expect(grant.amountFen).toBeGreaterThan(200_000);
      return grant.proposal.at;
    });
    expect(proposedAt).toEqual([...proposedAt].sort());
  });

  it('shows one grant with its events and its sealed reason opened, and records the read', async () => {
    const grantId = history.flatMap((decision) => decision.appends).find((append) => append.streamName.startsWith('aid_grant-'))!.streamName.slice('aid_grant-'.length);
    const before = (await readLog(testApp)).length;
    const response = await get(`/aid-grants/${grantId}`, auditor);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: grantId, reason: { reason: '子女上学，家庭困难' }, programme: { id: programmeId, name: '2026年金秋助学' } });
    expect(response.body.events[0]).toMatchObject({ type: 'AidProposed', revision: 0, actor: caseworker.userId });
    const read = (await readLog(testApp)).slice(before).filter((event) => event.type === 'PersonalRecordRead');
    expect(read.map((event) => event.data)).toEqual([{ userId: auditor.userId, recordType: 'aid_grant', recordId: grantId, unitId: township }]);
  });

  it('lists the programmes of the year, with their totals', async () => {
    const programmes = await get('/aid-programmes?year=2026', caseworker);
    expect(programmes.body.items.map((programme: { id: string }) => programme.id)).toContain(programmeId);
    expect((await get('/aid-programmes?year=2025', caseworker)).body.items.map((programme: { id: string }) => programme.id)).not.toContain(programmeId);
    const detail = await get(`/aid-programmes/${programmeId}`, caseworker);
    expect(detail.body).toMatchObject({ kind: 'golden_autumn_education', status: 'open', unitId: township });
    const listed = (await get(`/aid-grants?programmeId=${programmeId}&pageSize=100`, caseworker)).body;
    expect(Object.values<number>(detail.body.grants).reduce((sum, count) => sum + count, 0)).toBe(listed.total);
  });
});

describe('bad query values', () => {
  it('are refused with a 400 problem document naming the field', async () => {
    const [fundId] = fundIds;
    for (const [path, field] of [
      [`/funds/${fundId}/balance?asOf=2026-02-30`, 'asOf'],
      [`/funds/${fundId}/balance?asOf=2026-06-30T25:00:00Z`, 'asOf'],
      [`/funds/${fundId}/balance?asOf=`, 'asOf'],
      [`/funds/${fundId}/ledger?from=yesterday`, 'from'],
      [`/funds/${fundId}/ledger/export?format=pdf`, 'format'],
      ['/disbursements?from=2026-07-01&to=2026-06-01', 'to'],
      ['/aid-grants?status=paid', 'status'],
      ['/aid-programmes?year=1e309', 'year'],
      ['/funds?source=lottery', 'source'],
    ]) {
      const response = await get(path, auditor);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.errors?.map((error: { field: string }) => error.field) ?? response.body).toContain(field);
    }
  });
});
