import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { readLog } from '../support/event-log.js';
import { api as http, eventually, signIn, startTestApp, type ApiResponse, type SignedInUser, type TestApp } from '../support/test-app.js';

/** 10:00 in Shanghai on 2026-05-01: the day the tests start. The app reads "today" from this clock. */
const clock = new ManualClock('2026-05-01T02:00:00Z');

let testApp: TestApp;
let url: string;
let township: string;
let otherTownship: string;
let caseworker: SignedInUser;
let neighbour: SignedInUser;

/** As the township's caseworker unless another token is given. */
const api: typeof http = (base, method, path, options = {}) => http(base, method, path, { token: caseworker.token, ...options });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => api(url, 'POST', path, { body, headers });
const get = (path: string, token = caseworker.token) => api(url, 'GET', path, { token });

// Valid unified social credit codes (check characters computed per GB 32100-2015).
const CODES = ['91350100M000100Y43', '91110000600037341L', '91110108551385082Q', '91110108700001234Q', '91141002MA0K1234XD', '91320000134756102A'];

/** Moves the app's clock; sessions run on it too, so the users sign in again afterwards. */
async function moveClock(move: () => void): Promise<void> {
  move();
  caseworker = { ...caseworker, token: await signIn(url, caseworker.username, caseworker.password) };
  neighbour = { ...neighbour, token: await signIn(url, neighbour.username, neighbour.password) };
}

async function logSize(): Promise<number> {
  return (await readLog(testApp)).length;
}

function expectCreated(response: ApiResponse): string {
  if (response.status !== 201) throw new Error(`Expected 201, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

async function register(code: string, name: string, employeeCount: number): Promise<string> {
  return expectCreated(
    await post('/enterprises', { name, creditCode: code, ownership: 'non_public', industry: 'textiles', unitId: township, employeeCount, womenEmployeeCount: 0 }),
  );
}

async function found(name: string, kind: string, coveredEnterpriseIds: string[]): Promise<string> {
  return expectCreated(
    await post('/unions', {
      name,
      kind,
      unitId: township,
      coveredEnterpriseIds,
      foundedOn: '2026-03-01',
      chairName: '王芳',
      initialMemberCount: 10,
      womenCommitteeFounded: true,
      auditCommitteeFounded: true,
    }),
  );
}

const offer = (overrides: Record<string, unknown>) => ({
  scope: 'enterprise',
  coveredEnterpriseIds: [e1],
  initiatingUnionId: u1,
  offerDate: '2026-04-20',
  topics: ['wage_growth', 'minimum_wage'],
  unitId: township,
  ...overrides,
});

/** The detail once the read side has caught up with `revision`. */
const detailAt = (id: string, revision: number) =>
  eventually(async () => {
    const response = await get(`/wage-talks/${id}`);
    expect(response.status).toBe(200);
    expect(response.body.revision).toBe(revision);
    return response.body;
  });

let e1: string, e2: string, e3: string, e4: string, e5: string;
let u1: string, u2: string, u5: string;
let t1: string, t2: string, t3: string;

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  otherTownship = await testApp.createUnit('西街街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'zhang.caseworker');
  neighbour = await testApp.createUser('caseworker', otherTownship, 'li.neighbour');
  e1 = await register(CODES[0], '尧都区纺织有限公司', 100);
  e2 = await register(CODES[1], '城关商贸有限公司', 40);
  e3 = await register(CODES[2], '城关机械厂', 60);
  e4 = await register(CODES[3], '未建会小作坊', 30);
  e5 = await register(CODES[4], '城关食品有限公司', 20);
  u1 = await found('尧都区纺织有限公司工会', 'independent', [e1]);
  u2 = await found('城关街道商贸联合工会', 'joint', [e2, e3]);
  u5 = await found('城关食品有限公司工会', 'independent', [e5]);
}, 60_000);

afterAll(async () => {
  await testApp.close();
});

describe('collective wage negotiation over HTTP', () => {
  it('answers bad input with a problem document naming each field, and appends nothing', async () => {
    const before = await logSize();
    const bad = await post('/wage-talks', offer({ scope: 'club', offerDate: '2026-02-30', topics: ['bonuses'], coveredEnterpriseIds: ['x'] }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['coveredEnterpriseIds', 'offerDate', 'scope', 'topics']);

    const missing = await post('/wage-talks', { scope: 'enterprise' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual({ field: 'initiatingUnionId', reason: 'is required' });

    const future = await post('/wage-talks', offer({ offerDate: '2026-05-02' }));
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'BARGAINING.DATE_IN_FUTURE', errors: [{ field: 'offerDate' }] });
    expect(await logSize()).toBe(before);
  });

  it('refuses an enterprise without a union, an unknown union, and scope enterprise covering two', async () => {
    const before = await logSize();
    const notUnionized = await post('/wage-talks', offer({ coveredEnterpriseIds: [e4] }));
    expect(notUnionized.status).toBe(422);
    expect(notUnionized.body).toMatchObject({ code: 'BARGAINING.ENTERPRISE_NOT_UNIONIZED', errors: [{ field: 'coveredEnterpriseIds[0]' }] });

    const regionalWithOneWithout = await post('/wage-talks', offer({ scope: 'regional', coveredEnterpriseIds: [e2, e4] }));
    expect(regionalWithOneWithout.body).toMatchObject({ code: 'BARGAINING.ENTERPRISE_NOT_UNIONIZED', errors: [{ field: 'coveredEnterpriseIds[1]' }] });

    const noUnion = await post('/wage-talks', offer({ initiatingUnionId: '7f1d3a52-9a8e-4c47-b1a4-2d6f0c9e8b11' }));
    expect(noUnion.status).toBe(422);
    expect(noUnion.body).toMatchObject({ code: 'BARGAINING.UNION_NOT_FOUND', errors: [{ field: 'initiatingUnionId' }] });

    const two = await post('/wage-talks', offer({ coveredEnterpriseIds: [e1, e2] }));
    expect(two.status).toBe(422);
    expect(two.body.code).toBe('BARGAINING.ENTERPRISE_SCOPE_COVERS_ONE');
    expect(await logSize()).toBe(before);
  });

  it('opens talks and follows the chain to a filed agreement, with If-Match on every step', async () => {
    const opened = await post('/wage-talks', offer({}));
    t1 = expectCreated(opened);
    expect(opened.headers.get('location')).toBe(`/api/wage-talks/${t1}`);
    expect(opened.headers.get('etag')).toBe('"0"');

    const fresh = await detailAt(t1, 0);
    expect(fresh).toMatchObject({
      scope: 'enterprise',
      status: 'offered',
      unitName: '城关街道总工会',
      initiatingUnionName: '尧都区纺织有限公司工会',
      coveredEnterprises: [{ id: e1, name: '尧都区纺织有限公司', employeeCount: 100 }],
      nextDeadline: { kind: 'employer_response', dueOn: '2026-05-10', overdue: false },
    });

    const steps: [string, Record<string, unknown>][] = [
      ['employer-response', { decision: 'accepted', respondedOn: '2026-04-28', note: '同意协商' }],
      ['rounds', { heldOn: '2026-04-29', summary: '第一轮：工资增长幅度' }],
      ['rounds', { heldOn: '2026-04-30', summary: '第二轮：最低工资' }],
      ['agreement', { signedOn: '2026-04-30', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: 210000 }],
      ['adoption', { adoptedOn: '2026-05-01', delegatesPresent: 45, votesFor: 41 }],
      ['filing', { filedOn: '2026-05-01', bureau: '尧都区人力资源和社会保障局' }],
    ];
    for (const [index, [step, body]] of steps.entries()) {
      const response = await post(`/wage-talks/${t1}/${step}`, body, { 'if-match': `"${index}"` });
      expect({ step, status: response.status }).toEqual({ step, status: 201 });
      expect(response.headers.get('etag')).toBe(`"${index + 1}"`);
    }
    const stale = await post(`/wage-talks/${t1}/bureau-approval`, { approvedOn: '2026-05-01' }, { 'if-match': '"3"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"6"' });

    const filed = await detailAt(t1, 6);
    expect(filed).toMatchObject({
      status: 'filed',
      nextDeadline: { kind: 'bureau_review', dueOn: '2026-05-16' },
      roundsHeld: 2,
      employerResponse: { decision: 'accepted', respondedOn: '2026-04-28' },
      agreement: { signedOn: '2026-04-30', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: 210000, filedOn: '2026-05-01', approvedOn: null },
      effectiveOn: null,
    });
    expect(filed.steps.map((step: { type: string; on: string }) => [step.type, step.on])).toEqual([
      ['WageTalksOpened', '2026-04-20'],
      ['EmployerResponded', '2026-04-28'],
      ['NegotiationRoundHeld', '2026-04-29'],
      ['NegotiationRoundHeld', '2026-04-30'],
      ['AgreementSigned', '2026-04-30'],
      ['AgreementAdopted', '2026-05-01'],
      ['AgreementFiled', '2026-05-01'],
    ]);
    expect(filed.steps[1].actor).toBe(caseworker.userId);
  });

  it('refuses the same enterprise in two open talks of the same scope, even when both are sent at once', async () => {
    const before = await logSize();
    const again = await post('/wage-talks', offer({ offerDate: '2026-05-01' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'BARGAINING.ENTERPRISE_IN_OPEN_TALKS', talksId: t1, errors: [{ field: 'coveredEnterpriseIds[0]' }] });
    expect(await logSize()).toBe(before);

    const race = await Promise.all([
      post('/wage-talks', offer({ coveredEnterpriseIds: [e5], initiatingUnionId: u5, offerDate: '2026-05-01' })),
      post('/wage-talks', offer({ coveredEnterpriseIds: [e5], initiatingUnionId: u5, offerDate: '2026-05-01', topics: ['piece_rates'] })),
    ]);
    expect(race.map((response) => response.status).sort()).toEqual([201, 409]);
    // The winner wrote its WageTalksOpened and one claim; the loser nothing.
    expect(await logSize()).toBe(before + 2);
  });

  it('refuses steps out of order, then takes a regional agreement through refusal and rectification to approval', async () => {
    t2 = expectCreated(await post('/wage-talks', offer({ scope: 'regional', coveredEnterpriseIds: [e1, e2, e3], initiatingUnionId: u2, offerDate: '2026-04-25' })));
    const before = await logSize();
    const early = await post(`/wage-talks/${t2}/agreement`, { signedOn: '2026-05-01', termYears: 1 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'BARGAINING.STEP_OUT_OF_ORDER', talksStatus: 'offered' });
    const noRectificationYet = await post(`/wage-talks/${t2}/rectification-opinions`, { issuedOn: '2026-05-01', issuedBy: '尧都区总工会', opinion: '限期应约' });
    expect(noRectificationYet.body.code).toBe('BARGAINING.STEP_OUT_OF_ORDER');
    expect(await logSize()).toBe(before);

    const chain: [string, Record<string, unknown>][] = [
      ['employer-response', { decision: 'refused', respondedOn: '2026-04-28', note: '经营困难' }],
      ['rectification-opinions', { issuedOn: '2026-04-29', issuedBy: '尧都区总工会', opinion: '请于十日内书面应约', respondBy: '2026-05-09' }],
      ['employer-response', { decision: 'accepted', respondedOn: '2026-04-30' }],
      ['rounds', { heldOn: '2026-04-30', summary: '区域协商会议' }],
      ['agreement', { signedOn: '2026-05-01', termYears: 1, minimumMonthlyWageFen: 200000 }],
      ['adoption', { adoptedOn: '2026-05-01', delegatesPresent: 60, votesFor: 59 }],
      ['filing', { filedOn: '2026-05-01', bureau: '尧都区人力资源和社会保障局' }],
      ['bureau-approval', { approvedOn: '2026-05-01' }],
    ];
    for (const [step, body] of chain) {
      const response = await post(`/wage-talks/${t2}/${step}`, body);
      expect({ step, status: response.status, body: response.status === 201 ? null : response.body }).toEqual({ step, status: 201, body: null });
    }
    const effective = await detailAt(t2, 8);
    expect(effective).toMatchObject({ status: 'effective', effectiveOn: '2026-05-01', expiresOn: '2027-04-30', nextDeadline: { kind: 'renewal', opensOn: '2027-02-01' } });
    expect((await post(`/wage-talks/${t2}/rounds`, { heldOn: '2026-05-01', summary: 'x' })).body.code).toBe('BARGAINING.STEP_OUT_OF_ORDER');

    const listed = await get(`/wage-talks?scope=regional&status=effective`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: t2, status: 'effective' }] });
  });

  it('shows nothing of one township to the caseworker of a sibling township', async () => {
    expect((await get(`/wage-talks/${t1}`, neighbour.token)).status).toBe(404);
    const list = await get('/wage-talks', neighbour.token);
    expect(list.body).toMatchObject({ total: 0, items: [] });
    const step = await api(url, 'POST', `/wage-talks/${t1}/bureau-approval`, { token: neighbour.token, body: { approvedOn: '2026-05-01' } });
    expect(step.status).toBe(404);
    const open = await api(url, 'POST', '/wage-talks', { token: neighbour.token, body: offer({ scope: 'industry', coveredEnterpriseIds: [e2, e3], offerDate: '2026-05-01' }) });
    expect(open.status).toBe(422);
    const figures = await get(`/figures/bargaining?unitId=${township}`, neighbour.token);
    expect(figures.body.covered).toEqual({ enterprises: 0, employees: 0 });
    expect((await get('/wage-talks/overdue', neighbour.token)).body.total).toBe(0);
  });

  it('shows an offer unanswered after 20 days as overdue (not after 19), and a quiet filing as effective after 15 days', async () => {
    t3 = expectCreated(await post('/wage-talks', offer({ scope: 'industry', coveredEnterpriseIds: [e2, e3], initiatingUnionId: u2, offerDate: '2026-05-01' })));
    await detailAt(t3, 0);

    await moveClock(() => clock.advanceDays(19)); // 2026-05-20
    const notYet = await get('/wage-talks/overdue');
    expect(notYet.status).toBe(200);
    expect(notYet.body.items.map((item: { id: string }) => item.id)).not.toContain(t3);
    expect((await get(`/wage-talks/${t3}`)).body).toMatchObject({ status: 'offered', nextDeadline: { dueOn: '2026-05-21', overdue: false } });
    // Filed on 05-01 with no word from the bureau: in force from 05-17.
    expect((await get(`/wage-talks/${t1}`)).body).toMatchObject({ status: 'effective', effectiveOn: '2026-05-17', expiresOn: '2028-05-16' });

    await moveClock(() => clock.advanceDays(2)); // 2026-05-22
    const overdue = await get('/wage-talks/overdue?kind=employer_response');
    const item = overdue.body.items.find((candidate: { id: string }) => candidate.id === t3);
    expect(item).toMatchObject({ status: 'response_overdue', nextDeadline: { kind: 'employer_response', dueOn: '2026-05-21', overdue: true, daysOverdue: 1 } });
    expect((await get('/wage-talks?status=response_overdue')).body.items.map((i: { id: string }) => i.id)).toContain(t3);
  });

  it('counts enterprises and employees covered by effective agreements, by scope, and the rate among unionized enterprises', async () => {
    const today = await get(`/figures/bargaining?unitId=${township}`);
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({
      from: '2026-05-22',
      to: '2026-05-22',
      byScope: {
        enterprise: { agreements: 1, enterprises: 1, employees: 100 },
        regional: { agreements: 1, enterprises: 3, employees: 200 },
        industry: { agreements: 0, enterprises: 0, employees: 0 },
      },
      covered: { enterprises: 3, employees: 200 },
      // e1, e2, e3 and e5 are unionized; e5's talks are still open.
      unionizedCoverage: { unionized: 4, covered: 3, ratePercent: 75 },
    });
    const beforeQuietDays = await get(`/figures/bargaining?unitId=${township}&from=2026-05-02&to=2026-05-10`);
    expect(beforeQuietDays.body.byScope.enterprise.enterprises).toBe(0);
    expect(beforeQuietDays.body.byScope.regional.enterprises).toBe(3);
    const beforeAny = await get('/figures/bargaining?from=2026-01-01&to=2026-04-30');
    expect(beforeAny.body.covered.enterprises).toBe(0);
    const backwards = await get('/figures/bargaining?from=2026-06-01&to=2026-05-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'from', reason: 'must not be after to (2026-05-01)' }]);
    expect((await get('/figures/bargaining?to=2026-02-30')).body.errors[0].field).toBe('to');
  });

  it('renews an agreement only in the last 3 months of its term, opening linked talks, and lists an expired one as overdue for renewal', async () => {
    const renewal = { requestedOn: '2026-05-22', initiatingUnionId: u1, topics: ['wage_growth'] };
    const early = await post(`/wage-talks/${t1}/renewal`, renewal);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'BARGAINING.RENEWAL_TOO_EARLY', errors: [{ field: 'requestedOn' }] });

    await moveClock(() => clock.set('2028-03-01T02:00:00Z'));
    const renewed = await post(`/wage-talks/${t1}/renewal`, { ...renewal, requestedOn: '2028-03-01' });
    const t4 = expectCreated(renewed);
    expect(renewed.body.renews).toBe(t1);
    expect(await detailAt(t4, 0)).toMatchObject({ renewsTalksId: t1, scope: 'enterprise', status: 'offered', offerDate: '2028-03-01', coveredEnterprises: [{ id: e1 }] });
    expect(await detailAt(t1, 7)).toMatchObject({ renewedByTalksId: t4, status: 'effective', nextDeadline: null });
    expect((await post(`/wage-talks/${t1}/renewal`, { ...renewal, requestedOn: '2028-03-01' })).body.code).toBe('BARGAINING.ALREADY_RENEWED');

    // The regional agreement ended on 2027-04-30 and nobody asked to renew it.
    const overdue = await get('/wage-talks/overdue?kind=renewal');
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: t2, status: 'expired', nextDeadline: expect.objectContaining({ kind: 'renewal', dueOn: '2027-04-30', overdue: true }) })]);
  });
});
