import { assertNever, DomainError, isCalendarDate, type DomainEvent } from '#shared-kernel';
import type { EnterpriseState, EnterpriseUnionized } from './enterprise.decider.js';
import type { UnionKind } from './organizing.vocabulary.js';

export type UnionFounded = DomainEvent<
  'UnionFounded',
  {
    unionId: string;
    name: string;
    kind: UnionKind;
    unitId: string;
    coveredEnterpriseIds: string[];
    foundedOn: string;
    chairName: string;
    initialMemberCount: number;
    /** 三同时: the women workers' committee and the funds audit committee founded together with the union. */
    womenCommitteeFounded: boolean;
    auditCommitteeFounded: boolean;
  }
>;
export type UnionEvent = UnionFounded;

export type UnionState = { status: 'none' } | { status: 'active'; unionId: string; coveredEnterpriseIds: string[] };

export const unionEvolution = {
  initialState: (): UnionState => ({ status: 'none' }),
  evolve(state: UnionState, event: UnionEvent): UnionState {
    switch (event.type) {
      case 'UnionFounded':
        return { status: 'active', unionId: event.data.unionId, coveredEnterpriseIds: event.data.coveredEnterpriseIds };
      default:
        return assertNever(event.type, 'union event');
    }
  },
};

export interface FoundUnion {
  type: 'FoundUnion';
  data: UnionFounded['data'] & { today: string };
}

export interface UnionFoundingDecision {
  readonly union: UnionEvent[];
  /** Each covered enterprise's stream records that it is now unionized: the claim that keeps a second union out. */
  readonly enterprises: ReadonlyArray<readonly [enterpriseId: string, events: EnterpriseUnionized[]]>;
}

/**
 * Founding spans the union and every enterprise it covers, so the decision takes all their states and
 * the handler appends to all their streams at once.
 */
export function decideUnionFounding(
  command: FoundUnion,
  union: UnionState,
  enterprises: ReadonlyMap<string, EnterpriseState>,
): UnionFoundingDecision {
  const { today, ...founded } = command.data;
  if (union.status !== 'none') {
    throw new DomainError('ORGANIZING.UNION_EXISTS', 'conflict', `Union ${founded.unionId} is already founded`);
  }
  checkCoverageShape(founded.kind, founded.coveredEnterpriseIds);
  if (!isCalendarDate(founded.foundedOn)) {
    throw invalid('ORGANIZING.DATE_INVALID', 'foundedOn', 'must be a real date, YYYY-MM-DD');
  }
  if (founded.foundedOn > today) {
    throw invalid('ORGANIZING.FOUNDED_IN_FUTURE', 'foundedOn', `must not be after today (${today})`);
  }

  let coveredEmployees = 0;
  founded.coveredEnterpriseIds.forEach((enterpriseId, index) => {
    const enterprise = enterprises.get(enterpriseId) ?? { status: 'unregistered' };
    const field = `coveredEnterpriseIds[${index}]`;
    switch (enterprise.status) {
      case 'unregistered':
        throw new DomainError('ORGANIZING.ENTERPRISE_NOT_FOUND', 'unprocessable', `No enterprise ${enterpriseId} is registered`, [
          { field, reason: `enterprise ${enterpriseId} is not registered` },
        ]);
      case 'unionized':
        throw new DomainError(
          'ORGANIZING.ENTERPRISE_ALREADY_UNIONIZED',
          'conflict',
          `Enterprise ${enterpriseId} is already covered by union ${enterprise.unionId}`,
          [{ field, reason: `already covered by union ${enterprise.unionId}` }],
          { enterpriseId, unionId: enterprise.unionId },
        );
      case 'not_unionized':
        coveredEmployees += enterprise.employeeCount;
        return;
      default:
        return assertNever(enterprise, 'enterprise state');
    }
  });
  if (founded.initialMemberCount > coveredEmployees) {
    throw new DomainError('ORGANIZING.MEMBERS_EXCEED_EMPLOYEES', 'unprocessable', 'More members than employees covered', [
      { field: 'initialMemberCount', reason: `must not exceed the ${coveredEmployees} employees of the covered enterprises` },
    ]);
  }

  return {
    union: [{ type: 'UnionFounded', data: founded }],
    enterprises: founded.coveredEnterpriseIds.map((enterpriseId) => [
      enterpriseId,
      [{ type: 'EnterpriseUnionized', data: { enterpriseId, unionId: founded.unionId, unionKind: founded.kind, since: founded.foundedOn } }],
    ]),
  };
}

function checkCoverageShape(kind: UnionKind, covered: readonly string[]): void {
  if (new Set(covered).size !== covered.length) {
    throw invalid('ORGANIZING.DUPLICATE_ENTERPRISE', 'coveredEnterpriseIds', 'lists the same enterprise twice');
  }
  switch (kind) {
    case 'independent':
      if (covered.length !== 1) {
        throw unprocessable('ORGANIZING.INDEPENDENT_COVERS_ONE', 'coveredEnterpriseIds', 'an independent union covers exactly one enterprise');
      }
      return;
    case 'joint':
    case 'building_joint':
      if (covered.length < 2) {
        throw unprocessable('ORGANIZING.JOINT_NEEDS_TWO', 'coveredEnterpriseIds', 'a joint union covers at least two enterprises');
      }
      return;
    case 'industry':
    case 'regional':
      if (covered.length < 1) {
        throw unprocessable('ORGANIZING.COVERAGE_EMPTY', 'coveredEnterpriseIds', 'covers at least one enterprise');
      }
      return;
    default:
      return assertNever(kind, 'union kind');
  }
}

function invalid(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'invalid', `${field} ${reason}`, [{ field, reason }]);
}

function unprocessable(code: string, field: string, reason: string): DomainError {
  return new DomainError(code, 'unprocessable', `${field}: ${reason}`, [{ field, reason }]);
}
