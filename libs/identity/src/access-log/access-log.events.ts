import type { DomainEvent } from '#shared-kernel';

/** A sign-in with a username nobody holds. The name typed is not kept: it is sometimes a password typed in the wrong box. */
export type UnknownUserSignInFailed = DomainEvent<'UnknownUserSignInFailed', { client: 'browser' | 'api'; ip: string }>;
/** Someone opened the full record of a worker (personal data): who, which record, in which unit. */
export type PersonalRecordRead = DomainEvent<
  'PersonalRecordRead',
  { userId: string; recordType: string; recordId: string; unitId: string }
>;
export type AccessLogEvent = UnknownUserSignInFailed | PersonalRecordRead;

/** Every kind of entry in the access log: sign-in facts and account changes from account streams, and the above. */
export const ACCESS_KINDS = [
  'SignedIn',
  'SignInFailed',
  'UnknownUserSignInFailed',
  'AccountLocked',
  'SignedOut',
  'AccountCreated',
  'AccountRoleChanged',
  'AccountMoved',
  'PasswordChanged',
  'AccountDisabled',
  'AccountEnabled',
  'PersonalRecordRead',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
