/** The only place stream names of the funds context are built. */

/** A fund's money: what came in, what is reserved for approved grants, what was paid out. The consistency boundary for "never below zero". */
export const fundStreamName = (fundId: string) => `fund-${fundId}`;
export const aidProgrammeStreamName = (programmeId: string) => `aid_programme-${programmeId}`;
export const aidGrantStreamName = (grantId: string) => `aid_grant-${grantId}`;
/**
 * One stream per household (file) or worker and programme: its grants under that programme, so the yearly cap and
 * the one-grant-per-campaign rule hold however many proposals race.
 */
export const householdAidStreamName = (programmeId: string, householdKey: string) => `aid_household-${programmeId}-${householdKey}`;
/** A unit's rules for grants: the amount above which a supervisor must approve. */
export const aidPolicyStreamName = (unitId: string) => `aid_policy-${unitId}`;
