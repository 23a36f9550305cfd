export const unitStreamName = (unitId: string): string => `unit-${unitId}`;
export const accountStreamName = (userId: string): string => `account-${userId}`;
/** One stream per username holds who claimed it: usernames stay unique and resolve to an account without a read model. */
export const usernameClaimStreamName = (username: string): string => `username-${username.toLowerCase()}`;
/** Access facts that belong to no account (a sign-in with an unknown username, a read of a worker's record). */
export const accessLogStreamName = (day: string): string => `access_log-${day}`;
