import { randomUUID } from 'node:crypto';
import { EventStore, foldStream } from '#event-store';
import { fundDecider, type FundState } from '../../libs/funds/src/fund.decider.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { readLog } from '../support/event-log.js';
import { api as http, eventually, type SignedInUser, type TestApp, startTestApp } from '../support/test-app.js';
import { residentId } from '../support/resident-ids.js';

const clock = new ManualClock('2026-07-01T02:00:00Z'); // 10:00 in Shanghai
let testApp: TestApp;
let url: string;
let district: string;
let township: string;
let caseworker: SignedInUser;
let otherCaseworker: SignedInUser;
let supervisor: SignedInUser;
let otherSupervisor: SignedInUser;
let townshipSupervisor: SignedInUser;
let auditor: SignedInUser;

/** A distinct, valid resident ID number per index (born 1980-01-01 in 141002). */
const workerId = (index: number) => residentId(`14100219800101${String(index).padStart(3, '0')}`);

const api = (method: string, path: string, user: SignedInUser, body?: unknown, headers: Record<string, string> = {}) =>
  http(url, method, path, { token: user.token, body, headers });

async function fundState(fundId: string): Promise<Extract<FundState, { status: 'open' }>> {
  const state = foldStream(fundDecider, await testApp.app.get(EventStore).readStream(`fund-${fundId}`)).state;
  if (state.status !== 'open') throw new Error(`fund ${fundId} is not open`);
  return state;
}

async function personCount(): Promise<number> {
  const { rows } = await testApp.database.pool.query<{ count: string }>('SELECT count(*) FROM personal_data.person_keys');
  return Number(rows[0].count);
}

async function countEvents(type: string): Promise<number> {
  return (await readLog(testApp)).filter((event) => event.type === type).length;
}

async function openFund(source: string, unitId = district): Promise<string> {
  const response = await api('POST', '/funds', supervisor, { unitId, source, name: `${source} ${randomUUID().slice(0, 8)}` });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function allocate(fundId: string, amountFen: number): Promise<void> {
  const response = await api('POST', `/funds/${fundId}/allocations`, supervisor, { amountFen, reference: '尧财社〔2026〕3号', receivedOn: '2026-06-20' });
  expect(response.status).toBe(201);
}

async function programme(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await api('POST', '/aid-programmes', supervisor, {
    unitId: district,
    year: 2026,
    kind: 'summer_cooling',
    name: '2026年夏送清凉',
    householdCapFen: 50_000,
    oneGrantPerHousehold: true,
    eligibility: { recipients: ['worker', 'hardship_file'], tiers: [], admissionLevels: [] },
    opensOn: '2026-06-01',
    closesOn: '2026-08-31',
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

const workerProposal = (programmeId: string, fundId: string, index: number, amountFen = 50_000) => ({
  programmeId,
  fundId,
  recipient: { kind: 'worker', unitId: township, name: `职工${index}`, residentId: workerId(index) },
  amountFen,
  reason: '高温岗位一线职工慰问',
});

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  district = testApp.rootUnitId;
  township = await testApp.createUnit('城关街道总工会', 'township', district);
  caseworker = await testApp.createUser('caseworker', township, 'li.caseworker');
  otherCaseworker = await testApp.createUser('caseworker', township, 'zhao.caseworker');
  supervisor = await testApp.createUser('supervisor', district, 'wang.supervisor');
  otherSupervisor = await testApp.createUser('supervisor', district, 'chen.supervisor');
  townshipSupervisor = await testApp.createUser('supervisor', township, 'sun.supervisor');
  auditor = await testApp.createUser('auditor', district, 'zhou.auditor');
  const threshold = await api('PUT', `/aid-policies/${district}/approval-threshold`, testApp.admin, { thresholdFen: 50_000 });
  expect(threshold.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await testApp?.close();
});

describe('grants against a fund under contention', () => {
  it('lets exactly 10 of 50 simultaneous grants through a fund that can pay 10; the rest get 409 and the fund ends at zero', async () => {
    const fundId = await openFund('government_allocation');
    await allocate(fundId, 10 * 50_000);
    const programmeId = await programme();
    const proposalsBefore = await countEvents('AidProposed');
    const personsBefore = await personCount();

    const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => api('POST', '/aid-grants', caseworker, workerProposal(programmeId, fundId, index))));

    const granted = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 409);
    expect(granted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const response of granted) expect(response.body.status).toBe('granted');
    for (const response of refused) {
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 409, code: 'FUNDS.INSUFFICIENT', availableFen: 0 });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'amountFen' })]);
    }
    expect(await countEvents('AidProposed')).toBe(proposalsBefore + 10);
    // Racing proposals may enrol their worker before losing; one refused outright leaves nobody behind.
    const enrolled = await personCount();
    expect(enrolled).toBeGreaterThanOrEqual(personsBefore + 10);
    const late = await api('POST', '/aid-grants', caseworker, workerProposal(programmeId, fundId, 99));
    expect(late.status).toBe(409);
    expect(await personCount()).toBe(enrolled);
    const reserved = await fundState(fundId);
    expect(reserved).toMatchObject({ balanceFen: 500_000, reservedFen: 500_000 });

    const paid = await Promise.all(
      granted.map((response, index) =>
        api('POST', `/aid-grants/${response.body.id}/disbursement`, caseworker, { method: 'cash', receiptReference: `XS-2026-${index}`, paidOn: '2026-07-01' }),
      ),
    );
    expect(paid.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(await fundState(fundId)).toMatchObject({ balanceFen: 0, reservedFen: 0 });
  }, 120_000);
});

describe('retries with an Idempotency-Key', () => {
  it('never pays twice: a retried proposal or disbursement is answered from the first, however the retries race', async () => {
    const fundId = await openFund('government_allocation');
    await allocate(fundId, 200_000);
    const programmeId = await programme();
    const key = randomUUID();
    const body = workerProposal(programmeId, fundId, 900, 30_000);
    const proposalsBefore = await countEvents('AidProposed');

    const first = await api('POST', '/aid-grants', caseworker, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retries = await Promise.all(Array.from({ length: 5 }, () => api('POST', '/aid-grants', caseworker, body, { 'Idempotency-Key': key })));
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('location')).toBe(`/api/aid-grants/${first.body.id}`);
      expect(retry.body).toMatchObject({ id: first.body.id, status: 'granted', revision: first.body.revision });
    }
    expect(await countEvents('AidProposed')).toBe(proposalsBefore + 1);
    expect(await fundState(fundId)).toMatchObject({ balanceFen: 200_000, reservedFen: 30_000 });

    const reused = await api('POST', '/aid-grants', caseworker, { ...body, amountFen: 40_000 }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', errors: [expect.objectContaining({ field: 'Idempotency-Key' })] });

    // Another user's identical key is their own request, not a replay of this one.
    const sameKeyOtherUser = await api('POST', '/aid-grants', otherCaseworker, workerProposal(programmeId, fundId, 901, 30_000), { 'Idempotency-Key': key });
    expect(sameKeyOtherUser.status).toBe(201);
    expect(sameKeyOtherUser.body.id).not.toBe(first.body.id);

    const payKey = randomUUID();
    const payment = { method: 'bank_transfer', receiptReference: 'BANK-20260701-77', paidOn: '2026-07-01' };
    const payments = await Promise.all(Array.from({ length: 4 }, () => api('POST', `/aid-grants/${first.body.id}/disbursement`, caseworker, payment, { 'Idempotency-Key': payKey })));
    expect(payments.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(payments.map((response) => response.body.revision))).toEqual(new Set([first.body.revision + 1]));
    expect(await fundState(fundId)).toMatchObject({ balanceFen: 170_000, reservedFen: 30_000 });
    const paidOut = (await testApp.app.get(EventStore).readStream(`fund-${fundId}`)).filter((event) => event.type === 'AidPaidOut');
    expect(paidOut).toHaveLength(1);

    // Without a key, a second payment of the same grant is refused by the grant's own state.
    const again = await api('POST', `/aid-grants/${first.body.id}/disbursement`, caseworker, payment);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AID.STEP_OUT_OF_ORDER');

    const badKey = await api('POST', '/aid-grants', caseworker, body, { 'Idempotency-Key': 'short' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  }, 60_000);
});

describe('approval, revocation and reversal', () => {
  let fundId: string;
  let programmeId: string;

  beforeAll(async () => {
    fundId = await openFund('union_funds');
    await allocate(fundId, 1_000_000);
    programmeId = await programme({ kind: 'medical_aid', name: '2026年职工医疗救助', householdCapFen: 2_000_000, oneGrantPerHousehold: false });
  });

  it('holds a proposal above the threshold for a supervisor other than its proposer, and reserves only on approval', async () => {
    const proposed = await api('POST', '/aid-grants', supervisor, workerProposal(programmeId, fundId, 300, 80_000));
    expect(proposed.status).toBe(201);
    expect(proposed.body.status).toBe('proposed');
    expect((await fundState(fundId)).reservedFen).toBe(0);
    const grantId = proposed.body.id;

    expect((await api('POST', `/aid-grants/${grantId}/approval`, caseworker)).status).toBe(403);
    expect((await api('POST', `/aid-grants/${grantId}/approval`, auditor)).status).toBe(403);
    const own = await api('POST', `/aid-grants/${grantId}/approval`, supervisor);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('AID.OWN_PROPOSAL');
    // A township supervisor sees the township's case but does not decide on the district's money.
    const below = await api('POST', `/aid-grants/${grantId}/approval`, townshipSupervisor);
    expect(below.status).toBe(403);
    expect(below.body.code).toBe('AID.APPROVER_OUT_OF_SCOPE');

    const queue = async (user: SignedInUser): Promise<string[]> => {
      const listed = await api('GET', '/aid-grants?awaitingMyApproval=true', user);
      expect(listed.status).toBe(200);
      return listed.body.items.map((item: { id: string }) => item.id);
    };
    await eventually(async () => expect(await queue(otherSupervisor)).toContain(grantId));
    expect(await queue(supervisor)).not.toContain(grantId);
    expect(await queue(townshipSupervisor)).not.toContain(grantId);

    const stale = await api('POST', `/aid-grants/${grantId}/approval`, otherSupervisor, undefined, { 'If-Match': '"5"' });
    expect(stale.status).toBe(412);
    const approved = await api('POST', `/aid-grants/${grantId}/approval`, otherSupervisor, undefined, { 'If-Match': '"0"' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: grantId, status: 'granted', revision: 1 });
    expect(approved.headers.get('etag')).toBe('"1"');
    expect((await fundState(fundId)).reservedFen).toBe(80_000);
    const grantEvents = await testApp.app.get(EventStore).readStream(`aid_grant-${grantId}`);
    expect(grantEvents.map((event) => event.type)).toEqual(['AidProposed', 'AidGranted']);
    expect(grantEvents[1].data).toMatchObject({ approval: 'supervisor', approvedBy: otherSupervisor.userId });
    expect(grantEvents[1].metadata.actor).toBe(otherSupervisor.userId);

    const twice = await api('POST', `/aid-grants/${grantId}/approval`, otherSupervisor);
    expect(twice.status).toBe(409);
  });

  it('releases the reservation when an unpaid grant is revoked, and then refuses to pay it', async () => {
    const granted = await api('POST', '/aid-grants', caseworker, workerProposal(programmeId, fundId, 301, 20_000));
    expect(granted.body.status).toBe('granted');
    const reservedBefore = (await fundState(fundId)).reservedFen;
    const revoked = await api('POST', `/aid-grants/${granted.body.id}/revocation`, caseworker, { reason: '重复申请' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await fundState(fundId)).reservedFen).toBe(reservedBefore - 20_000);
    const pay = await api('POST', `/aid-grants/${granted.body.id}/disbursement`, caseworker, { method: 'cash', receiptReference: 'R-1', paidOn: '2026-07-01' });
    expect(pay.status).toBe(409);
  });

  it('corrects a payment made in error with a reversal that returns the money; the payment stays in the log', async () => {
    const granted = await api('POST', '/aid-grants', caseworker, workerProposal(programmeId, fundId, 302, 30_000));
    const grantId = granted.body.id;
    const inKind = await api('POST', `/aid-grants/${grantId}/disbursement`, caseworker, { method: 'in_kind', receiptReference: 'SW-1', paidOn: '2026-07-01' });
    expect(inKind.status).toBe(422);
    expect(inKind.body.errors).toEqual([expect.objectContaining({ field: 'inKindDescription' })]);
    const future = await api('POST', `/aid-grants/${grantId}/disbursement`, caseworker, { method: 'cash', receiptReference: 'SW-1', paidOn: '2026-07-02' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'paidOn' })]);
    const paid = await api('POST', `/aid-grants/${grantId}/disbursement`, caseworker, { method: 'cash', receiptReference: 'SW-1', paidOn: '2026-07-01' });
    expect(paid.status).toBe(200);
    const balanceAfterPayment = (await fundState(fundId)).balanceFen;

    expect((await api('POST', `/aid-grants/${grantId}/reversal`, caseworker, { reason: '金额录入错误' })).status).toBe(403);
    expect((await api('POST', `/aid-grants/${grantId}/revocation`, caseworker, { reason: '已发放' })).status).toBe(409);
    const reversed = await api('POST', `/aid-grants/${grantId}/reversal`, supervisor, { reason: '金额录入错误' });
    expect(reversed.status).toBe(200);
    expect(reversed.body.status).toBe('reversed');
    expect((await fundState(fundId)).balanceFen).toBe(balanceAfterPayment + 30_000);
    const fundEvents = (await testApp.app.get(EventStore).readStream(`fund-${fundId}`)).filter((event) => event.data.grantId === grantId);
    expect(fundEvents.map((event) => event.type)).toEqual(['AidReserved', 'AidPaidOut', 'AidPaymentReversed']);
  });

  it('keeps auditors from proposing, approving or paying', async () => {
    const proposal = await api('POST', '/aid-grants', auditor, workerProposal(programmeId, fundId, 303, 10_000));
    expect(proposal.status).toBe(403);
    const granted = await api('POST', '/aid-grants', caseworker, workerProposal(programmeId, fundId, 304, 10_000));
    expect((await api('POST', `/aid-grants/${granted.body.id}/disbursement`, auditor, { method: 'cash', receiptReference: 'A-1', paidOn: '2026-07-01' })).status).toBe(403);
    expect((await api('POST', `/aid-grants/${granted.body.id}/revocation`, auditor, { reason: 'x' })).status).toBe(403);
    expect((await api('POST', `/funds/${fundId}/allocations`, auditor, { amountFen: 1, reference: 'x', receivedOn: '2026-06-01' })).status).toBe(403);
  });
});

describe('programme rules and restricted money', () => {
  it('gives a household one grant per campaign and no more than the cap', async () => {
    const fundId = await openFund('government_allocation');
    await allocate(fundId, 1_000_000);
    const campaign = await programme({ name: '2026年送清凉（一次）' });
    expect((await api('POST', '/aid-grants', caseworker, workerProposal(campaign, fundId, 400, 20_000))).status).toBe(201);
    const second = await api('POST', '/aid-grants', caseworker, workerProposal(campaign, fundId, 400, 10_000));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('AID.ALREADY_HELPED_IN_CAMPAIGN');
    expect(second.body.existingGrantId).toEqual(expect.any(String));

    const capped = await programme({ kind: 'temporary_aid', name: '2026年临时救助', householdCapFen: 30_000, oneGrantPerHousehold: false });
    expect((await api('POST', '/aid-grants', caseworker, workerProposal(capped, fundId, 401, 20_000))).status).toBe(201);
    const over = await api('POST', '/aid-grants', caseworker, workerProposal(capped, fundId, 401, 20_000));
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'AID.HOUSEHOLD_CAP', remainingFen: 10_000 });
    expect((await api('POST', '/aid-grants', caseworker, workerProposal(capped, fundId, 401, 10_000))).status).toBe(201);
  });

  it('spends a restricted donation only on its purpose, and refuses proposals outside the campaign dates', async () => {
    const donations = await openFund('social_donations');
    const donated = await api('POST', `/funds/${donations}/donations`, supervisor, {
      donor: '某某实业有限公司',
      amountFen: 4_000_000,
      receivedOn: '2026-06-15',
      restriction: { programmeKind: 'golden_autumn_education' },
    });
    expect(donated.status).toBe(201);
    const cooling = await programme({ name: '送清凉（捐助）' });
    const wrongPurpose = await api('POST', '/aid-grants', caseworker, workerProposal(cooling, donations, 500, 10_000));
    expect(wrongPurpose.status).toBe(409);
    expect(wrongPurpose.body).toMatchObject({ code: 'FUNDS.INSUFFICIENT', availableFen: 0 });
    const transfer = await api('POST', `/funds/${donations}/transfers`, supervisor, { toFundId: await openFund('union_funds'), amountFen: 1, reason: '调剂' });
    expect(transfer.status).toBe(409);

    const education = await programme({
      kind: 'golden_autumn_education',
      name: '2026年金秋助学',
      householdCapFen: 500_000,
      eligibility: { recipients: ['hardship_file'], tiers: [], admissionLevels: ['university'] },
      opensOn: '2026-07-01',
      closesOn: '2026-09-30',
    });
    const fileId = await openHardshipFile(workerId(501));
    const base = { programmeId: education, fundId: donations, recipient: { kind: 'hardship_file', fileId }, amountFen: 500_000, reason: '子女考入大学，家庭无力负担学费' };
    const withoutAdmission = await api('POST', '/aid-grants', caseworker, base);
    expect(withoutAdmission.status).toBe(422);
    expect(withoutAdmission.body.errors).toEqual([expect.objectContaining({ field: 'admission' })]);
    const asWorker = await api('POST', '/aid-grants', caseworker, { ...workerProposal(education, donations, 502, 10_000) });
    expect(asWorker.status).toBe(422);
    expect(asWorker.body.errors).toEqual([expect.objectContaining({ field: 'recipient' })]);

    const admission = { level: 'university', school: '山西大学', admittedOn: '2026-06-28', studentName: '李小明' };
    const proposed = await api('POST', '/aid-grants', caseworker, { ...base, admission });
    expect(proposed.status).toBe(201);
    expect(proposed.body.status).toBe('proposed');
    const approved = await api('POST', `/aid-grants/${proposed.body.id}/approval`, supervisor);
    expect(approved.status).toBe(200);
    const fund = await fundState(donations);
    expect(fund.pools['purpose:golden_autumn_education']).toEqual({ balanceFen: 4_000_000, reservedFen: 500_000 });
    const proposedEvent = (await testApp.app.get(EventStore).readStream(`aid_grant-${proposed.body.id}`))[0];
    expect(JSON.stringify(proposedEvent.data)).not.toContain('李小明');
    expect(JSON.stringify(proposedEvent.data)).not.toContain('无力负担');

    const ended = await programme({ ...{ kind: 'golden_autumn_education', name: '2025年金秋助学' }, householdCapFen: 500_000, eligibility: { recipients: ['hardship_file'], tiers: [], admissionLevels: ['university'] }, year: 2025, opensOn: '2025-07-01', closesOn: '2025-09-30' });
    const late = await api('POST', '/aid-grants', caseworker, { ...base, programmeId: ended, fundId: donations, recipient: { kind: 'hardship_file', fileId: await openHardshipFile(workerId(503)) }, admission });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('AID.PROGRAMME_CLOSED');
  }, 60_000);
});

async function openHardshipFile(id: string, user: SignedInUser = caseworker): Promise<string> {
  const response = await api('POST', '/hardship-files', user, {
    unitId: township,
    name: '李建国',
    residentId: id,
    gender: 'male',
    householdSize: 3,
    perCapitaMonthlyIncomeFen: 65_000,
    minimumLivingStandardFen: 78_000,
    categories: ['schooling'],
    tier: 'deep',
    fiveClears: { familySituation: '一子考入大学', causeOfHardship: '学费负担重', stateOfMind: '稳定', employmentNeeds: '无', skills: '电焊' },
    surveyedOn: '2026-06-10',
    nextReviewDue: '2026-12-10',
  });
  expect(response.status).toBe(201);
  return response.body.id;
}
