import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import { decideTalksOpening, type CoveredEnterpriseFacts, type OpenWageTalks, type OpeningFacts } from './talks-opening.decider.js';

const unionized: CoveredEnterpriseFacts = { status: 'unionized', unitId: 'unit-1' };
const facts = (overrides: Partial<OpeningFacts> = {}): OpeningFacts => ({
  unionExists: true,
  enterprises: new Map([
    ['e-1', unionized],
    ['e-2', unionized],
    ['e-3', { status: 'not_unionized', unitId: 'unit-1' }],
  ]),
  openTalksCovering: new Map(),
  ...overrides,
});
const open = (overrides: Partial<OpenWageTalks['data']> = {}): OpenWageTalks => ({
  type: 'OpenWageTalks',
  data: {
    talksId: 't-1',
    scope: 'enterprise',
    coveredEnterpriseIds: ['e-1'],
    initiatingUnionId: 'u-1',
    offerDate: '2026-04-01',
    topics: ['wage_growth', 'women_special_protection'],
    unitId: 'unit-1',
    renewsTalksId: null,
    today: '2026-04-02',
    ...overrides,
  },
});

describe('opening wage talks', () => {
  it('opens talks and claims each covered enterprise for the scope', () => {
    const decision = decideTalksOpening(open({ scope: 'regional', coveredEnterpriseIds: ['e-1', 'e-2'] }), facts());
    const { today: _today, ...data } = open({ scope: 'regional', coveredEnterpriseIds: ['e-1', 'e-2'] }).data;
    expect(decision.talks).toEqual([{ type: 'WageTalksOpened', data }]);
    expect(decision.claims).toEqual([
      ['e-1', [{ type: 'WageTalksClaimed', data: { enterpriseId: 'e-1', scope: 'regional', talksId: 't-1' } }]],
      ['e-2', [{ type: 'WageTalksClaimed', data: { enterpriseId: 'e-2', scope: 'regional', talksId: 't-1' } }]],
    ]);
    expect(decision.renewed).toBeUndefined();
  });

  it('refuses an enterprise without a union, naming the field', () => {
    const error = domainError(() => decideTalksOpening(open({ scope: 'industry', coveredEnterpriseIds: ['e-1', 'e-3'] }), facts()));
    expect(error).toMatchObject({ code: 'BARGAINING.ENTERPRISE_NOT_UNIONIZED', category: 'unprocessable', problems: [{ field: 'coveredEnterpriseIds[1]' }] });
  });

  it('refuses an enterprise already in open talks of the same scope, naming those talks', () => {
    const error = domainError(() => decideTalksOpening(open(), facts({ openTalksCovering: new Map([['e-1', 't-0']]) })));
    expect(error).toMatchObject({ code: 'BARGAINING.ENTERPRISE_IN_OPEN_TALKS', category: 'conflict', details: { talksId: 't-0' } });
  });

  it('covers exactly one enterprise for scope enterprise and two or more otherwise', () => {
    expect(domainError(() => decideTalksOpening(open({ coveredEnterpriseIds: ['e-1', 'e-2'] }), facts())).code).toBe('BARGAINING.ENTERPRISE_SCOPE_COVERS_ONE');
    expect(domainError(() => decideTalksOpening(open({ scope: 'regional' }), facts())).code).toBe('BARGAINING.SCOPE_COVERS_SEVERAL');
    expect(domainError(() => decideTalksOpening(open({ scope: 'regional', coveredEnterpriseIds: ['e-1', 'e-1'] }), facts())).category).toBe('invalid');
  });

  it('refuses an unknown union, an unknown enterprise, no topics and an offer dated in the future', () => {
    expect(domainError(() => decideTalksOpening(open(), facts({ unionExists: false }))).problems).toEqual([
      { field: 'initiatingUnionId', reason: 'is not a founded union among the units you work in' },
    ]);
    expect(domainError(() => decideTalksOpening(open({ coveredEnterpriseIds: ['e-9'] }), facts())).code).toBe('BARGAINING.ENTERPRISE_NOT_FOUND');
    expect(domainError(() => decideTalksOpening(open({ topics: [] }), facts())).problems[0].field).toBe('topics');
    expect(domainError(() => decideTalksOpening(open({ offerDate: '2026-04-03' }), facts())).code).toBe('BARGAINING.DATE_IN_FUTURE');
  });

  it('links a renewal to the agreement it renews', () => {
    const decision = decideTalksOpening(open({ renewsTalksId: 't-0' }), facts());
    expect(decision.renewed).toEqual({ type: 'AgreementRenewalRequested', data: { talksId: 't-0', renewalTalksId: 't-1', requestedOn: '2026-04-01' } });
    expect(decision.talks[0].data.renewsTalksId).toBe('t-0');
  });
});
