import { assertNever, DomainError, isCalendarDate, type DomainEvent } from '#shared-kernel';
import type { TalksScope, TalksTopic } from './bargaining.vocabulary.js';
import { invalid, unprocessable, type AgreementRenewalRequested, type WageTalksOpened } from './wage-talks.decider.js';

/** The claim an opening writes on each covered enterprise's claim stream for its scope. */
export type WageTalksClaimed = DomainEvent<'WageTalksClaimed', { enterpriseId: string; scope: TalksScope; talksId: string }>;

/** What bargaining needs to know of an enterprise, from the organizing context's enterprise stream. */
export type CoveredEnterpriseFacts = { status: 'unregistered' } | { status: 'not_unionized' | 'unionized'; unitId: string };

export interface OpeningFacts {
  /** Whether the initiating union was founded (and the caller may see it). */
  readonly unionExists: boolean;
  readonly enterprises: ReadonlyMap<string, CoveredEnterpriseFacts>;
  /** For each enterprise, the open talks of the same scope that already cover it, if any. */
  readonly openTalksCovering: ReadonlyMap<string, string>;
}

export interface OpenWageTalks {
  type: 'OpenWageTalks';
  data: Omit<WageTalksOpened['data'], 'renewsTalksId'> & { renewsTalksId: string | null; today: string };
}

export interface TalksOpeningDecision {
  readonly talks: WageTalksOpened[];
  readonly claims: ReadonlyArray<readonly [enterpriseId: string, events: WageTalksClaimed[]]>;
  /** Set for a renewal: the event that links the old agreement to the new talks. */
  readonly renewed?: AgreementRenewalRequested;
}

/**
 * Opening spans the new talks and one claim per covered enterprise (and, for a renewal, the talks renewed),
 * so the decision takes all their facts and the handler appends to every stream at once.
 */
export function decideTalksOpening(command: OpenWageTalks, facts: OpeningFacts): TalksOpeningDecision {
  const { today, ...opened } = command.data;
  checkShape(opened.scope, opened.coveredEnterpriseIds, opened.topics);
  if (!isCalendarDate(opened.offerDate)) throw invalid('BARGAINING.DATE_INVALID', 'offerDate', 'must be a real date, YYYY-MM-DD');
  if (opened.offerDate > today) throw invalid('BARGAINING.DATE_IN_FUTURE', 'offerDate', `must not be after today (${today})`);
  if (!facts.unionExists) {
    throw new DomainError('BARGAINING.UNION_NOT_FOUND', 'unprocessable', `No union ${opened.initiatingUnionId}`, [
      { field: 'initiatingUnionId', reason: 'is not a founded union among the units you work in' },
    ]);
  }
  opened.coveredEnterpriseIds.forEach((enterpriseId, index) => {
    const field = `coveredEnterpriseIds[${index}]`;
    const enterprise = facts.enterprises.get(enterpriseId) ?? { status: 'unregistered' };
    switch (enterprise.status) {
      case 'unregistered':
        throw new DomainError('BARGAINING.ENTERPRISE_NOT_FOUND', 'unprocessable', `No enterprise ${enterpriseId} is registered`, [
          { field, reason: `enterprise ${enterpriseId} is not registered` },
        ]);
      case 'not_unionized':
        throw new DomainError(
          'BARGAINING.ENTERPRISE_NOT_UNIONIZED',
          'unprocessable',
          `Enterprise ${enterpriseId} has no union and is covered by none: found or join one first`,
          [{ field, reason: 'is not unionized (no own union, nor a joint, regional or industry union covering it)' }],
          { enterpriseId },
        );
      case 'unionized': {
        const holder = facts.openTalksCovering.get(enterpriseId);
        if (holder) {
          throw new DomainError(
            'BARGAINING.ENTERPRISE_IN_OPEN_TALKS',
            'conflict',
            `Enterprise ${enterpriseId} is already in open ${opened.scope} talks ${holder}`,
            [{ field, reason: `is already in open ${opened.scope} talks` }],
            { enterpriseId, talksId: holder },
          );
        }
        return;
      }
      default:
        return assertNever(enterprise, 'enterprise facts');
    }
  });
  const { talksId, scope, renewsTalksId } = opened;
  return {
    talks: [{ type: 'WageTalksOpened', data: { ...opened, topics: [...new Set(opened.topics)] } }],
    claims: opened.coveredEnterpriseIds.map((enterpriseId) => [enterpriseId, [{ type: 'WageTalksClaimed', data: { enterpriseId, scope, talksId } }]]),
    ...(renewsTalksId
      ? { renewed: { type: 'AgreementRenewalRequested', data: { talksId: renewsTalksId, renewalTalksId: talksId, requestedOn: opened.offerDate } } }
      : {}),
  };
}

function checkShape(scope: TalksScope, covered: readonly string[], topics: readonly TalksTopic[]): void {
  if (new Set(covered).size !== covered.length) {
    throw invalid('BARGAINING.DUPLICATE_ENTERPRISE', 'coveredEnterpriseIds', 'lists the same enterprise twice');
  }
  if (topics.length === 0) throw invalid('BARGAINING.TOPICS_EMPTY', 'topics', 'names at least one topic');
  switch (scope) {
    case 'enterprise':
      if (covered.length !== 1) {
        throw unprocessable('BARGAINING.ENTERPRISE_SCOPE_COVERS_ONE', 'coveredEnterpriseIds', 'talks of scope enterprise cover exactly one enterprise');
      }
      return;
    case 'regional':
    case 'industry':
      if (covered.length < 2) {
        throw unprocessable('BARGAINING.SCOPE_COVERS_SEVERAL', 'coveredEnterpriseIds', `${scope} talks cover two or more enterprises`);
      }
      return;
    default:
      return assertNever(scope, 'talks scope');
  }
}
