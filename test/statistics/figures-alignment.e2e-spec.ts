import { EventStore } from '#event-store';
import { ProjectorService } from '../../apps/api/src/projector/projector.service.js';
import { ManualClock } from '../../libs/shared-kernel/src/testing/manual-clock.js';
import { settleLog } from '../support/event-log.js';
import { api as http, signIn, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

/**
 * The dashboard's organizing and bargaining figures are the ones the contexts' own figure routes give
 * (/figures/organizing, /figures/bargaining): unionization of non-public enterprises, enterprises covered by an
 * agreement in force (by approval, or by the bureau's 15 quiet days), and the coverage rate among unionized ones.
 */
const clock = new ManualClock('2026-05-01T02:00:00Z');
let testApp: TestApp;
let url: string;
let township: string;
let caseworker: SignedInUser;
let supervisor: SignedInUser;
const CODES = ['91350100M000100Y43', '91110000600037341L', '91110108551385082Q', '91110108700001234Q', '91141002MA0K1234XD'];

const api = (method: string, path: string, user: SignedInUser, body?: unknown) => http(url, method, path, { token: user.token, body });
async function created(method: string, path: string, body: unknown): Promise<string> {
  const response = await api(method, path, caseworker, body);
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}
async function travel(instant: string): Promise<void> {
  clock.set(instant);
  for (const user of [caseworker, supervisor]) Object.assign(user, { token: await signIn(url, user.username, user.password) });
}

beforeAll(async () => {
  testApp = await startTestApp({ clock });
  url = testApp.baseUrl;
  township = await testApp.createUnit('城关街道总工会', 'township', testApp.rootUnitId);
  caseworker = await testApp.createUser('caseworker', township, 'zhang.caseworker');
  supervisor = await testApp.createUser('supervisor', township, 'wang.supervisor');
  const register = (code: string, ownership: string) =>
    created('POST', '/enterprises', { name: `企业${code.slice(-4)}`, creditCode: code, ownership, industry: 'textiles', unitId: township, employeeCount: 50, womenEmployeeCount: 5 });
  const [e1, e2, e3] = [await register(CODES[0], 'non_public'), await register(CODES[1], 'non_public'), await register(CODES[2], 'foreign_funded')];
  const e4 = await register(CODES[3], 'state_owned');
  await register(CODES[4], 'non_public');
  const union = (kind: string, covered: string[]) =>
    created('POST', '/unions', {
      name: `工会${covered.length}`, kind, unitId: township, coveredEnterpriseIds: covered, foundedOn: '2026-03-01',
      chairName: '王芳', initialMemberCount: 10, womenCommitteeFounded: true, auditCommitteeFounded: true,
    });
  const u1 = await union('independent', [e1]);
  const u2 = await union('joint', [e2, e3]);
  await union('independent', [e4]);
  const talks = async (scope: string, covered: string[], initiatingUnionId: string) => {
    const id = await created('POST', '/wage-talks', { scope, coveredEnterpriseIds: covered, initiatingUnionId, offerDate: '2026-04-20', topics: ['wage_growth'], unitId: township });
    for (const [step, body] of [
      ['employer-response', { decision: 'accepted', respondedOn: '2026-04-28', note: '同意协商' }],
      ['rounds', { heldOn: '2026-04-29', summary: '第一轮' }],
      ['agreement', { signedOn: '2026-04-30', termYears: 2, wageGrowthBasisPoints: 500, minimumMonthlyWageFen: 210000 }],
      ['adoption', { adoptedOn: '2026-05-01', delegatesPresent: 45, votesFor: 41 }],
      ['filing', { filedOn: '2026-05-01', bureau: '尧都区人力资源和社会保障局' }],
    ] as const) {
      await created('POST', `/wage-talks/${id}/${step}`, body);
    }
    return id;
  };
  await talks('enterprise', [e1], u1);
  const regional = await talks('regional', [e2, e3], u2);
  await travel('2026-05-05T02:00:00Z');
  await created('POST', `/wage-talks/${regional}/bureau-approval`, { approvedOn: '2026-05-05' });
}, 90_000);

afterAll(async () => {
  await testApp?.close();
});

async function compare(asOf?: string) {
  const query = `from=2026-01-01&to=2026-12-31${asOf ? `&asOf=${asOf}` : ''}`;
  // Every projection has applied the whole log: the figures of all three routes read it to its end.
  await settleLog(testApp);
  await testApp.app.get(ProjectorService).waitFor(await testApp.app.get(EventStore).headPosition());
  return (async () => {
    const dashboard = (await api('GET', `/dashboard?${query}`, supervisor)).body;
    const metric = (key: string) => dashboard.metrics.find((m: any) => m.key === key);
    const organizing = (await api('GET', '/figures/organizing?year=2026', supervisor)).body;
    const bargaining = (await api('GET', '/figures/bargaining?from=2026-01-01&to=2026-12-31', supervisor)).body;
    return { dashboard, metric, organizing, bargaining };
  })();
}

describe('the dashboard beside the contexts’ own figures', () => {
  it('agrees while one agreement is approved and the other waits out the bureau’s 15 days', async () => {
    const { metric, organizing, bargaining } = await compare();
    expect(metric('unionization_rate')).toMatchObject({ numerator: String(organizing.nonPublicUnionization.unionized), denominator: String(organizing.nonPublicUnionization.registered) });
    expect(metric('unionization_rate')).toMatchObject({ actual: '7500', numerator: '3', denominator: '4' });
    expect(metric('enterprises_covered_by_agreements').actual).toBe(String(bargaining.covered.enterprises));
    expect(metric('wage_talks_coverage_rate')).toMatchObject({
      numerator: String(bargaining.unionizedCoverage.covered),
      denominator: String(bargaining.unionizedCoverage.unionized),
    });
    // The regional agreement is in force from its approval; the enterprise one, filed on 1 May, is not yet.
    expect(metric('enterprises_covered_by_agreements').actual).toBe('2');
    expect(metric('wage_talks_coverage_rate')).toMatchObject({ actual: '5000', numerator: '2', denominator: '4' });
    expect(metric('wage_talks_opened').actual).toBe('2');
  });

  it('agrees once the filed agreement is in force by the bureau’s silence, and as of before that it is not', async () => {
    await travel('2026-05-20T02:00:00Z');
    const { metric, bargaining } = await compare();
    expect(metric('enterprises_covered_by_agreements').actual).toBe(String(bargaining.covered.enterprises));
    expect(metric('enterprises_covered_by_agreements').actual).toBe('3');
    expect(metric('wage_talks_coverage_rate')).toMatchObject({ actual: '7500', numerator: String(bargaining.unionizedCoverage.covered), denominator: '4' });
    const cases = (await api('GET', '/statistics/enterprises_covered_by_agreements/cases?year=2026', supervisor)).body;
    expect(cases.items.map((item: any) => item.facts.map((fact: any) => [fact.eventType, fact.occurredOn, fact.validUntil, fact.quantity]))).toContainEqual([
      ['AgreementFiled', '2026-05-17', '2028-05-16', '1'],
    ]);

    const before = await compare('2026-05-16');
    expect(before.dashboard.stockDate).toBe('2026-05-16');
    expect(before.metric('enterprises_covered_by_agreements').actual).toBe('2');
  });
});
