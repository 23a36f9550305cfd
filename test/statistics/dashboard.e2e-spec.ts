import { EventStore } from '#event-store';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { settleLog } from '../support/event-log.js';
import { residentId } from '../support/resident-ids.js';
import { api as http, signIn, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * The supervisor's dashboard over HTTP: a district with two townships, unions of two kinds, aid paid under two
 * programmes with one payment reversed, a rehiring; targets set by the admin. Figures, sub-unit lines and months
 * are checked against what was seeded, each figure's drill-down against the cases behind it, and the figures as of
 * a past instant against what was known then.
 */
const clock = new ManualClock('2026-01-15T02:00:00Z'); // 10:00 in Shanghai
let testApp: TestApp;
let url: string;
let district: string;
let east: string; // 城关 township
let west: string; // 西街 township
let caseworker: SignedInUser;
let supervisor: SignedInUser;
let westSupervisor: SignedInUser;
const enterprises: Record<string, string> = {};
const unions: Record<string, string> = {};
const grants: Record<string, string> = {};
let seeker: string;
/** An instant between the February and the March events. */
let midFebruary: string;

const api = (method: string, path: string, user: SignedInUser, body?: unknown) => http(url, method, path, { token: user.token, body });
const CODES = ['91350100M000100Y43', '91110000600037341L', '91110108551385082Q', '91110108700001234Q', '91141002MA0K1234XD'];

async function created(response: Promise<{ status: number; body: any }>, status = 201): Promise<string> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`Expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

async function propose(programmeId: string, fundId: string, unitId: string, index: number, amountFen: number): Promise<string> {
  const grantId = await created(
    api('POST', '/aid-grants', caseworker, {
      programmeId,
      fundId,
      recipient: { kind: 'worker', unitId, name: `职工${index}`, residentId: residentId(`14100219800101${String(index).padStart(3, '0')}`) },
      amountFen,
      reason: '困难职工慰问',
    }),
  );
  const paid = await api('POST', `/aid-grants/${grantId}/disbursement`, caseworker, { method: 'cash', receiptReference: `R-${index}`, paidOn: todayInShanghai() });
  expect(paid.status).toBe(200);
  return grantId;
}

/** Moves the clock, and signs everyone in again: sessions end after a day idle. */
async function travel(instant: string): Promise<void> {
  clock.set(instant);
  for (const user of [caseworker, supervisor, westSupervisor, testApp.admin]) Object.assign(user, { token: await signIn(url, user.username, user.password) });
}

const todayInShanghai = () => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function settled(): Promise<void> {
  // Every projection (statistics and targets included) has applied the log up to its head.
  await settleLog(testApp);
  await testApp.app.get(ProjectorService).waitFor(await testApp.app.get(EventStore).headPosition());
}

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  district = testApp.rootUnitId;
  east = await testApp.createUnit('城关街道总工会', 'township', district);
  west = await testApp.createUnit('西街街道总工会', 'township', district);
  caseworker = await testApp.createUser('caseworker', district, 'li.caseworker');
  supervisor = await testApp.createUser('supervisor', district, 'wang.supervisor');
  westSupervisor = await testApp.createUser('supervisor', west, 'sun.supervisor');

  // 15 January: enterprises registered; a winter-warmth payment in the east.
  const register = (code: string, ownership: string, unitId: string) =>
    created(api('POST', '/enterprises', caseworker, { name: `企业${code.slice(-4)}`, creditCode: code, ownership, industry: 'manufacturing', unitId, employeeCount: 50, womenEmployeeCount: 20 }));
  enterprises.eastPrivate = await register(CODES[0], 'non_public', east);
  enterprises.eastState = await register(CODES[1], 'state_owned', east);
  enterprises.eastPlain = await register(CODES[2], 'non_public', east);
  enterprises.westForeign = await register(CODES[3], 'foreign_funded', west);
  enterprises.westPrivate = await register(CODES[4], 'non_public', west);
  expect((await api('PUT', `/aid-policies/${district}/approval-threshold`, testApp.admin, { thresholdFen: 1_000_000 })).status).toBe(200);
  const fundId = await created(api('POST', '/funds', supervisor, { unitId: district, source: 'government_allocation', name: '2026年帮扶资金' }));
  expect((await api('POST', `/funds/${fundId}/allocations`, supervisor, { amountFen: 1_000_000, reference: '尧财社〔2026〕3号', receivedOn: '2026-01-10' })).status).toBe(201);
  const programme = (kind: string, name: string) =>
    created(
      api('POST', '/aid-programmes', supervisor, {
        unitId: district,
        year: 2026,
        kind,
        name,
        householdCapFen: 100_000,
        oneGrantPerHousehold: true,
        eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] },
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
      }),
    );
  const winter = await programme('winter_warmth', '2026年送温暖');
  const temporary = await programme('temporary_aid', '2026年临时救助');
  grants.eastWinter = await propose(winter, fundId, east, 1, 50_000);

  // 10 February: a union in the east, a payment in each programme, a job seeker in the west.
  await travel('2026-02-10T02:00:00Z');
  unions.east = await created(
    api('POST', '/unions', caseworker, {
      name: '城关某科技公司工会', kind: 'independent', unitId: east, coveredEnterpriseIds: [enterprises.eastPrivate], foundedOn: '2026-02-01',
      chairName: '王芳', initialMemberCount: 30, womenCommitteeFounded: true, auditCommitteeFounded: true,
    }),
  );
  grants.westWinter = await propose(winter, fundId, west, 2, 30_000);
  grants.eastTemporary = await propose(temporary, fundId, east, 3, 20_000);
  seeker = await created(
    api('POST', '/job-seekers', caseworker, { name: '李建国', phone: '0357-2123456', kind: 'laid_off_worker', gender: 'male', unitId: west, registeredOn: '2026-02-05' }),
  );
  await settled();
  await travel('2026-02-20T02:00:00Z');
  midFebruary = clock.now().toISOString();

  // 10 March: a joint union in the west, the temporary aid reversed, the seeker rehired.
  await travel('2026-03-10T02:00:00Z');
  unions.west = await created(
    api('POST', '/unions', caseworker, {
      name: '西街联合工会', kind: 'joint', unitId: west, coveredEnterpriseIds: [enterprises.westForeign, enterprises.westPrivate], foundedOn: '2026-03-05',
      chairName: '赵敏', initialMemberCount: 20, womenCommitteeFounded: true, auditCommitteeFounded: true,
    }),
  );
  expect((await api('POST', `/aid-grants/${grants.eastTemporary}/reversal`, supervisor, { reason: '重复发放' })).status).toBe(200);
  expect(
    (await api('POST', `/job-seekers/${seeker}/rehiring`, caseworker, { employer: '尧都区某物流公司', position: '分拣员', startedOn: '2026-03-08', channel: 'self_employment' })).status,
  ).toBe(201);

  const targets = (unitId: string, list: { metric: string; value: string }[]) => api('PUT', `/units/${unitId}/targets/2026`, testApp.admin, { targets: list });
  expect((await targets(district, [{ metric: 'unions_founded', value: '10' }, { metric: 'aid_paid_fen', value: '1000000' }])).status).toBe(200);
  expect((await targets(east, [{ metric: 'unions_founded', value: '4' }])).status).toBe(200);
  await settled();
}, 120_000);

afterAll(async () => {
  await testApp?.close();
});

const metricOf = (dashboard: any, key: string) => dashboard.metrics.find((metric: any) => metric.key === key);
const lines = (metric: any) => Object.fromEntries(metric.bySubUnit.map((line: any) => [line.own ? 'own' : line.unitId === east ? 'east' : 'west', line.actual]));
const months = (metric: any) => metric.byMonth.filter((line: any) => line.month <= '2026-04').map((line: any) => [line.month, line.actual]);

describe('the dashboard', () => {
  it('gives every figure with its target, its sub-unit lines and its months, exactly as seeded', async () => {
    const response = await api('GET', '/dashboard?year=2026', supervisor);
    expect(response.status).toBe(200);
    const dashboard = response.body;
    expect(dashboard).toMatchObject({ unitId: district, year: 2026, from: '2026-01-01', to: '2026-12-31', asOf: null, stockDate: '2026-03-10' });
    expect(dashboard.subUnits.map((sub: any) => [sub.name, sub.own])).toEqual([
      ['城关街道总工会', false],
      ['西街街道总工会', false],
      ['尧都区总工会', true],
    ]);

    const founded = metricOf(dashboard, 'unions_founded');
    expect(founded).toMatchObject({ measure: 'count', actual: '2', target: '10', progressBasisPoints: '2000' });
    expect(lines(founded)).toEqual({ east: '1', west: '1', own: '0' });
    expect(founded.bySubUnit.find((line: any) => line.unitId === east)).toMatchObject({ target: '4', progressBasisPoints: '2500' });
    expect(founded.bySubUnit.find((line: any) => line.unitId === west)).toMatchObject({ target: null, progressBasisPoints: null });
    expect(months(founded)).toEqual([['2026-01', '0'], ['2026-02', '1'], ['2026-03', '1'], ['2026-04', '0']]);
    expect(founded.byMonth).toHaveLength(12);
    expect(metricOf(dashboard, 'members_enrolled').actual).toBe('50');
    expect(metricOf(dashboard, 'enterprises_covered_by_new_unions').actual).toBe('3');

    // Non-public: the east's private firm (unionized 1 Feb) and plain one, the west's foreign and private firms (5 Mar).
    const rate = metricOf(dashboard, 'unionization_rate');
    expect(rate).toMatchObject({ measure: 'basis_points', actual: '7500', numerator: '3', denominator: '4' });
    expect(lines(rate)).toEqual({ east: '5000', west: '10000', own: null });
    expect(months(rate)).toEqual([['2026-01', '0'], ['2026-02', '2500'], ['2026-03', '7500'], ['2026-04', null]]);

    const paid = metricOf(dashboard, 'aid_paid_fen');
    expect(paid).toMatchObject({ measure: 'fen', actual: '80000', target: '1000000', progressBasisPoints: '800' });
    expect(lines(paid)).toEqual({ east: '50000', west: '30000', own: '0' });
    expect(months(paid)).toEqual([['2026-01', '50000'], ['2026-02', '50000'], ['2026-03', '-20000'], ['2026-04', '0']]);
    expect(metricOf(dashboard, 'aid_paid_fen:winter_warmth').actual).toBe('80000');
    expect(metricOf(dashboard, 'aid_paid_fen:temporary_aid').actual).toBe('0');
    expect(months(metricOf(dashboard, 'aid_paid_fen:temporary_aid'))).toEqual([['2026-01', '0'], ['2026-02', '20000'], ['2026-03', '-20000'], ['2026-04', '0']]);

    // The reversed household nets to nothing over the year, but was helped as far as February alone goes.
    const households = metricOf(dashboard, 'households_helped');
    expect(households.actual).toBe('2');
    expect(lines(households)).toEqual({ east: '1', west: '1', own: '0' });
    expect(months(households)).toEqual([['2026-01', '1'], ['2026-02', '2'], ['2026-03', '0'], ['2026-04', '0']]);
    expect(metricOf(dashboard, 'households_helped:temporary_aid').actual).toBe('0');

    expect(metricOf(dashboard, 'people_rehired')).toMatchObject({ actual: '1', target: null, progressBasisPoints: null });
    expect(lines(metricOf(dashboard, 'people_rehired'))).toEqual({ east: '0', west: '1', own: '0' });
    expect(metricOf(dashboard, 'job_seekers_registered').actual).toBe('1');
    expect(metricOf(dashboard, 'hardship_files_opened').actual).toBe('0');
    expect(metricOf(dashboard, 'wage_talks_coverage_rate')).toMatchObject({ actual: '0', numerator: '0', denominator: '3' });
  });

  it('drills each figure down to exactly the cases behind it, for the unit, a sub-unit line and a month', async () => {
    const cases = async (metric: string, query = '') => {
      const response = await api('GET', `/statistics/${metric}/cases?year=2026${query}`, supervisor);
      expect(response.status).toBe(200);
      return response.body;
    };
    const founded = await cases('unions_founded');
    expect(founded).toMatchObject({ value: '2', total: 2 });
    expect(founded.items.map((item: any) => item.subjectId).sort()).toEqual([unions.east, unions.west].sort());
    expect(founded.items.every((item: any) => item.subjectKind === 'union' && item.facts.length === 1 && item.facts[0].eventType === 'UnionFounded')).toBe(true);
    expect((await cases('unions_founded', `&subUnitId=${east}`)).items.map((item: any) => item.subjectId)).toEqual([unions.east]);
    expect((await cases('unions_founded', '&month=2026-03')).items.map((item: any) => item.subjectId)).toEqual([unions.west]);
    expect((await cases('unions_founded', '&unionKind=joint')).items.map((item: any) => item.subjectId)).toEqual([unions.west]);

    const paid = await cases('aid_paid_fen');
    expect(paid.value).toBe('80000');
    expect(paid.items.map((item: any) => item.subjectId).sort()).toEqual(Object.values(grants).sort());
    const sum = paid.items.flatMap((item: any) => item.facts).reduce((total: bigint, fact: any) => total + BigInt(fact.quantity), 0n);
    expect(sum).toBe(80_000n);
    const reversed = paid.items.find((item: any) => item.subjectId === grants.eastTemporary);
    expect(reversed).toMatchObject({ quantity: '0', unitId: east });
    expect(reversed.facts.map((fact: any) => [fact.eventType, fact.occurredOn, fact.quantity])).toEqual([
      ['AidDisbursed', '2026-02-10', '20000'],
      ['AidDisbursementReversed', '2026-03-10', '-20000'],
    ]);
    expect((await cases('aid_paid_fen', '&month=2026-03')).items.map((item: any) => item.subjectId)).toEqual([grants.eastTemporary]);
    expect((await cases('aid_paid_fen:winter_warmth', `&subUnitId=${west}`)).items.map((item: any) => item.subjectId)).toEqual([grants.westWinter]);

    const households = await cases('households_helped');
    expect(households).toMatchObject({ value: '2', total: 2 });
    expect(households.items.every((item: any) => item.subjectKind === 'household')).toBe(true);
    expect(households.items.flatMap((item: any) => item.facts.map((fact: any) => fact.subjectId)).sort()).toEqual([grants.eastWinter, grants.westWinter].sort());

    const rate = await cases('unionization_rate');
    expect(rate).toMatchObject({ value: '7500', numerator: '3', denominator: '4', total: 4 });
    const inNumerator = rate.items.filter((item: any) => item.inNumerator).map((item: any) => item.subjectId).sort();
    expect(inNumerator).toEqual([enterprises.eastPrivate, enterprises.westForeign, enterprises.westPrivate].sort());
    expect(rate.items.find((item: any) => item.subjectId === enterprises.eastPlain)).toMatchObject({ inNumerator: false, quantity: '0' });

    expect((await cases('people_rehired')).items.map((item: any) => [item.subjectKind, item.subjectId, item.unitId])).toEqual([['job_seeker', seeker, west]]);
    const paged = await cases('aid_paid_fen', '&pageSize=2&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(paged.items).toHaveLength(1);
  });

  it('computes every figure as of a past instant from what was recorded by then, and as of now equals live', async () => {
    const live = (await api('GET', '/dashboard?year=2026', supervisor)).body;
    const now = (await api('GET', `/dashboard?year=2026&asOf=${encodeURIComponent(clock.now().toISOString())}`, supervisor)).body;
    const figures = (dashboard: any) => dashboard.metrics;
    expect(now.asOf).toBe(clock.now().toISOString());
    expect(figures(now)).toEqual(figures(live));
    expect(now.stockDate).toBe(live.stockDate);
    // An as-of still to come is taken as now: nothing is projected into the future.
    const future = (await api('GET', '/dashboard?year=2026&asOf=2026-12-31', supervisor)).body;
    expect(future.stockDate).toBe(live.stockDate);
    expect(figures(future)).toEqual(figures(live));

    const earlier = (await api('GET', `/dashboard?year=2026&asOf=${encodeURIComponent(midFebruary)}`, supervisor)).body;
    expect(earlier.stockDate).toBe('2026-02-20');
    expect(metricOf(earlier, 'unions_founded').actual).toBe('1');
    // The temporary aid had not been reversed yet.
    expect(metricOf(earlier, 'aid_paid_fen').actual).toBe('100000');
    expect(months(metricOf(earlier, 'aid_paid_fen'))).toEqual([['2026-01', '50000'], ['2026-02', '50000'], ['2026-03', '0'], ['2026-04', '0']]);
    expect(metricOf(earlier, 'households_helped').actual).toBe('3');
    expect(metricOf(earlier, 'people_rehired').actual).toBe('0');
    expect(metricOf(earlier, 'unionization_rate')).toMatchObject({ actual: '2500', numerator: '1', denominator: '4' });
    // Targets were set in March: none as of February.
    expect(metricOf(earlier, 'unions_founded').target).toBeNull();
    const earlierCases = (await api('GET', `/statistics/aid_paid_fen/cases?year=2026&asOf=${encodeURIComponent(midFebruary)}`, supervisor)).body;
    expect(earlierCases.items.find((item: any) => item.subjectId === grants.eastTemporary).facts.map((fact: any) => fact.eventType)).toEqual(['AidDisbursed']);
    // A date as-of means the end of that day in Shanghai.
    expect(metricOf((await api('GET', '/dashboard?year=2026&asOf=2026-02-09', supervisor)).body, 'aid_paid_fen').actual).toBe('50000');
  });

  it('keeps a township supervisor to their own township, and refuses what does not make a period', async () => {
    const own = await api('GET', '/dashboard?year=2026', westSupervisor);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ unitId: west, subUnits: [{ unitId: west, own: true }] });
    expect(metricOf(own.body, 'unions_founded').actual).toBe('1');
    for (const path of [`/dashboard?unitId=${east}`, `/dashboard?unitId=${district}`, `/statistics/unions_founded/cases?unitId=${east}`]) {
      const refused = await api('GET', path, westSupervisor);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await api('GET', '/dashboard', caseworker)).status).toBe(403);
    for (const query of ['year=2026&from=2025-12-01', 'from=2026-03-01&to=2026-02-01', 'asOf=2026-02-30', 'year=1999']) {
      const refused = await api('GET', `/dashboard?${query}`, supervisor);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
    }
    expect((await api('GET', '/statistics/no_such_metric/cases', supervisor)).status).toBe(404);
    expect((await api('GET', '/statistics/unions_founded/cases?programme=winter_warmth', supervisor)).status).toBe(400);
    expect((await api('GET', '/statistics/unions_founded/cases?year=2026&month=2025-12', supervisor)).status).toBe(400);
    expect((await api('GET', `/statistics/unions_founded/cases?subUnitId=${testApp.admin.userId}`, supervisor)).status).toBe(400);
  });
});
