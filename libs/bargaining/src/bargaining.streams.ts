import type { TalksScope } from './bargaining.vocabulary.js';

/** The only place stream names of the bargaining context are built. */
export const wageTalksStreamName = (talksId: string) => `wage_talks-${talksId}`;
/**
 * One claim stream per enterprise and scope: the talks that last claimed the enterprise. Opening talks appends
 * to it at the revision read, so two openings racing for one enterprise cannot both succeed.
 */
export const talksClaimStreamName = (scope: TalksScope, enterpriseId: string) => `wage_talks_claim-${scope}-${enterpriseId}`;
