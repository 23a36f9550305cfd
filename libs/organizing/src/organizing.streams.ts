/** The only place stream names of the organizing context are built. */
export const enterpriseStreamName = (enterpriseId: string) => `enterprise-${enterpriseId}`;
export const unionStreamName = (unionId: string) => `union-${unionId}`;
/** Holds one claim per credit code, so two enterprises can never register the same code. */
export const creditCodeClaimStreamName = (creditCode: string) => `enterprise_credit_code-${creditCode}`;
