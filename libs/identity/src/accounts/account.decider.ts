import { assertNever, DomainError, type Decider, type DomainEvent, type Role } from '#shared-kernel';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from '../identity.vocabulary.js';

export type SignInClient = 'browser' | 'api';
export type SignInFailureReason = 'wrong_password' | 'locked' | 'disabled';

export type AccountCreated = DomainEvent<
  'AccountCreated',
  { userId: string; username: string; displayName: string; role: Role; unitId: string }
>;
export type AccountRoleChanged = DomainEvent<'AccountRoleChanged', { userId: string; role: Role; previousRole: Role }>;
export type AccountMoved = DomainEvent<'AccountMoved', { userId: string; unitId: string; previousUnitId: string }>;
/** The hash itself is kept outside the log, so a replaced password leaves nothing behind. */
export type PasswordChanged = DomainEvent<'PasswordChanged', { userId: string; by: 'self' | 'admin' }>;
export type AccountDisabled = DomainEvent<'AccountDisabled', { userId: string; reason: string }>;
export type AccountEnabled = DomainEvent<'AccountEnabled', { userId: string }>;
export type SignedIn = DomainEvent<'SignedIn', { userId: string; sessionId: string; client: SignInClient; ip: string }>;
export type SignInFailed = DomainEvent<
  'SignInFailed',
  { userId: string; reason: SignInFailureReason; consecutiveFailures: number; ip: string }
>;
export type AccountLocked = DomainEvent<'AccountLocked', { userId: string; until: string }>;
export type SignedOut = DomainEvent<'SignedOut', { userId: string; sessionId: string }>;

export type AccountEvent =
  | AccountCreated
  | AccountRoleChanged
  | AccountMoved
  | PasswordChanged
  | AccountDisabled
  | AccountEnabled
  | SignedIn
  | SignInFailed
  | AccountLocked
  | SignedOut;

export interface ExistingAccount {
  status: 'active' | 'disabled';
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  consecutiveFailures: number;
  /** ISO time; sign-in is refused before it. */
  lockedUntil: string | null;
}
export type AccountState = { status: 'absent' } | ExistingAccount;

export type AccountCommand =
  | { type: 'CreateAccount'; data: AccountCreated['data'] }
  | { type: 'ChangeRole'; data: { role: Role; by: string } }
  | { type: 'MoveAccount'; data: { unitId: string } }
  | { type: 'RecordPasswordChange'; data: { by: 'self' | 'admin' } }
  | { type: 'DisableAccount'; data: { reason: string; by: string } }
  | { type: 'EnableAccount'; data: Record<string, never> }
  | {
      type: 'RecordSignInAttempt';
      /** `passwordMatches` is false when the password was not checked because the account cannot sign in. */
      data: { passwordMatches: boolean; sessionId: string; client: SignInClient; ip: string; now: string };
    }
  | { type: 'RecordSignOut'; data: { sessionId: string } };

export function isLocked(state: AccountState, now: Date): boolean {
  return state.status !== 'absent' && state.lockedUntil !== null && Date.parse(state.lockedUntil) > now.getTime();
}

export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide(command, state) {
    if (command.type === 'CreateAccount') {
      if (state.status !== 'absent') throw new DomainError('IDENTITY.ACCOUNT_EXISTS', 'conflict', 'This account already exists');
      return [{ type: 'AccountCreated', data: command.data }];
    }
    const account = existing(state);
    const { userId } = account;
    switch (command.type) {
      case 'ChangeRole':
        if (command.data.by === userId) {
          throw new DomainError('IDENTITY.OWN_ROLE', 'unprocessable', 'Nobody can change their own role; ask another admin', [
            { field: 'role', reason: 'is your own' },
          ]);
        }
        if (command.data.role === account.role) return [];
        return [{ type: 'AccountRoleChanged', data: { userId, role: command.data.role, previousRole: account.role } }];
      case 'MoveAccount':
        if (command.data.unitId === account.unitId) return [];
        return [{ type: 'AccountMoved', data: { userId, unitId: command.data.unitId, previousUnitId: account.unitId } }];
      case 'RecordPasswordChange':
        return [{ type: 'PasswordChanged', data: { userId, by: command.data.by } }];
      case 'DisableAccount':
        if (command.data.by === userId) {
          throw new DomainError('IDENTITY.OWN_ACCOUNT', 'unprocessable', 'Nobody can disable their own account; ask another admin');
        }
        if (account.status === 'disabled') return [];
        return [{ type: 'AccountDisabled', data: { userId, reason: command.data.reason } }];
      case 'EnableAccount':
        if (account.status === 'active') return [];
        return [{ type: 'AccountEnabled', data: { userId } }];
      case 'RecordSignInAttempt':
        return decideSignIn(account, command.data);
      case 'RecordSignOut':
        return [{ type: 'SignedOut', data: { userId, sessionId: command.data.sessionId } }];
      default:
        return assertNever(command, 'account command');
    }
  },
  evolve(state, event) {
    if (event.type === 'AccountCreated') {
      return { status: 'active', ...event.data, consecutiveFailures: 0, lockedUntil: null };
    }
    if (state.status === 'absent') return state;
    switch (event.type) {
      case 'AccountRoleChanged':
        return { ...state, role: event.data.role };
      case 'AccountMoved':
        return { ...state, unitId: event.data.unitId };
      case 'PasswordChanged':
        // A new password set by an admin is how a locked-out user gets back in.
        return { ...state, consecutiveFailures: 0, lockedUntil: null };
      case 'AccountDisabled':
        return { ...state, status: 'disabled' };
      case 'AccountEnabled':
        return { ...state, status: 'active', consecutiveFailures: 0, lockedUntil: null };
      case 'SignedIn':
        return { ...state, consecutiveFailures: 0, lockedUntil: null };
      case 'SignInFailed':
        return event.data.reason === 'wrong_password' ? { ...state, consecutiveFailures: event.data.consecutiveFailures } : state;
      case 'AccountLocked':
        return { ...state, consecutiveFailures: 0, lockedUntil: event.data.until };
      case 'SignedOut':
        return state;
      default:
        return assertNever(event, 'account event');
    }
  },
};

function existing(state: AccountState): ExistingAccount {
  if (state.status === 'absent') throw new DomainError('IDENTITY.ACCOUNT_NOT_FOUND', 'not_found', 'No such account');
  return state;
}

function decideSignIn(
  account: ExistingAccount,
  attempt: Extract<AccountCommand, { type: 'RecordSignInAttempt' }>['data'],
): AccountEvent[] {
  const { userId } = account;
  const now = new Date(attempt.now);
  const refused = (reason: SignInFailureReason): SignInFailed => ({
    type: 'SignInFailed',
    data: { userId, reason, consecutiveFailures: account.consecutiveFailures, ip: attempt.ip },
  });
  if (account.status === 'disabled') return [refused('disabled')];
  if (isLocked(account, now)) return [refused('locked')];
  if (attempt.passwordMatches) {
    return [{ type: 'SignedIn', data: { userId, sessionId: attempt.sessionId, client: attempt.client, ip: attempt.ip } }];
  }
  const consecutiveFailures = account.consecutiveFailures + 1;
  const failed: SignInFailed = { type: 'SignInFailed', data: { userId, reason: 'wrong_password', consecutiveFailures, ip: attempt.ip } };
  if (consecutiveFailures < LOCKOUT_THRESHOLD) return [failed];
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
  return [failed, { type: 'AccountLocked', data: { userId, until } }];
}
