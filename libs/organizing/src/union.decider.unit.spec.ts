import { catchDomainError as domainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import type { EnterpriseState } from './enterprise.decider.js';
import { decideUnionFounding, unionEvolution, type FoundUnion, type UnionFounded } from './union.decider.js';

const open = (enterpriseId: string, employeeCount = 30): EnterpriseState => ({
  status: 'not_unionized',
  enterpriseId,
  unitId: 'unit-1',
  employeeCount,
  registeredOn: '2026-01-05',
});

const foundJoint = (overrides: Partial<FoundUnion['data']> = {}): FoundUnion => ({
  type: 'FoundUnion',
  data: {
    unionId: 'u-1',
    name: '城关街道商贸联合工会',
    kind: 'joint',
    unitId: '7c0a8f8e-0000-4000-8000-000000000001',
    coveredEnterpriseIds: ['e-1', 'e-2'],
    foundedOn: '2026-05-20',
    chairName: '王芳',
    initialMemberCount: 45,
    womenCommitteeFounded: true,
    auditCommitteeFounded: true,
    today: '2026-05-21',
    ...overrides,
  },
});

const enterprises = new Map<string, EnterpriseState>([
  ['e-1', open('e-1')],
  ['e-2', open('e-2')],
]);


describe('founding a union', () => {
  it('founds a joint union and marks every covered enterprise as unionized', () => {
    const decision = decideUnionFounding(foundJoint(), unionEvolution.initialState(), enterprises);
    const { today: _today, ...founded } = foundJoint().data;
    expect(decision.union).toEqual([{ type: 'UnionFounded', data: founded }]);
    expect(decision.enterprises).toEqual([
      ['e-1', [{ type: 'EnterpriseUnionized', data: { enterpriseId: 'e-1', unionId: 'u-1', unionKind: 'joint', since: '2026-05-20' } }]],
      ['e-2', [{ type: 'EnterpriseUnionized', data: { enterpriseId: 'e-2', unionId: 'u-1', unionKind: 'joint', since: '2026-05-20' } }]],
    ]);
  });

  it('refuses an enterprise that is not registered, naming its place in the list', () => {
    const error = domainError(() =>
      decideUnionFounding(foundJoint({ coveredEnterpriseIds: ['e-1', 'e-9'] }), unionEvolution.initialState(), enterprises),
    );
    expect(error.category).toBe('unprocessable');
    expect(error.problems).toEqual([{ field: 'coveredEnterpriseIds[1]', reason: 'enterprise e-9 is not registered' }]);
  });

  it('refuses an enterprise already covered by an active union', () => {
    const covered = new Map(enterprises).set('e-2', {
      status: 'unionized',
      enterpriseId: 'e-2',
      unitId: 'unit-1',
      employeeCount: 30,
      registeredOn: '2026-01-05',
      unionId: 'u-0',
    });
    const error = domainError(() => decideUnionFounding(foundJoint(), unionEvolution.initialState(), covered));
    expect(error.category).toBe('conflict');
    expect(error.details).toEqual({ enterpriseId: 'e-2', unionId: 'u-0' });
  });

  it('requires at least two enterprises for a joint union and exactly one for an independent union', () => {
    expect(domainError(() => decideUnionFounding(foundJoint({ coveredEnterpriseIds: ['e-1'] }), unionEvolution.initialState(), enterprises)).code).toBe(
      'ORGANIZING.JOINT_NEEDS_TWO',
    );
    expect(
      domainError(() => decideUnionFounding(foundJoint({ kind: 'independent' }), unionEvolution.initialState(), enterprises)).code,
    ).toBe('ORGANIZING.INDEPENDENT_COVERS_ONE');
    expect(
      domainError(() =>
        decideUnionFounding(foundJoint({ coveredEnterpriseIds: ['e-1', 'e-1'] }), unionEvolution.initialState(), enterprises),
      ).code,
    ).toBe('ORGANIZING.DUPLICATE_ENTERPRISE');
  });

  it('refuses a founding date in the future and more members than covered employees', () => {
    expect(domainError(() => decideUnionFounding(foundJoint({ foundedOn: '2026-05-22' }), unionEvolution.initialState(), enterprises)).code).toBe(
      'ORGANIZING.FOUNDED_IN_FUTURE',
    );
    expect(
      domainError(() => decideUnionFounding(foundJoint({ initialMemberCount: 61 }), unionEvolution.initialState(), enterprises)).problems[0],
    ).toEqual({ field: 'initialMemberCount', reason: 'must not exceed the 60 employees of the covered enterprises' });
  });

  it('refuses to found the same union twice', () => {
    const { today: _today, ...data } = foundJoint().data;
    const existing = unionEvolution.evolve(unionEvolution.initialState(), { type: 'UnionFounded', data } as UnionFounded);
    expect(domainError(() => decideUnionFounding(foundJoint(), existing, enterprises)).code).toBe('ORGANIZING.UNION_EXISTS');
  });
});
