import { catchDomainError } from '../../../shared-kernel/src/testing/catch-domain-error.js';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from '../identity.vocabulary.js';
import { accountDecider, isLocked, type AccountEvent, type AccountState } from './account.decider.js';

const created: AccountEvent = {
  type: 'AccountCreated',
  data: { userId: 'u-1', username: 'li.na', displayName: '李娜', role: 'caseworker', unitId: 'unit-a' },
};
const given = (...events: AccountEvent[]): AccountState => events.reduce(accountDecider.evolve, accountDecider.initialState());
const attempt = (passwordMatches: boolean, now = '2026-11-22T09:00:00.000Z') =>
  ({ type: 'RecordSignInAttempt', data: { passwordMatches, sessionId: 's-1', client: 'api', ip: '10.0.0.1', now } }) as const;
const failure = (consecutiveFailures: number): AccountEvent => ({
  type: 'SignInFailed',
  data: { userId: 'u-1', reason: 'wrong_password', consecutiveFailures, ip: '10.0.0.1' },
});

describe('account decider', () => {
  it('signs in with the right password and clears earlier failures', () => {
    const state = given(created, failure(1), failure(2));
    const events = accountDecider.decide(attempt(true), state);
    expect(events).toEqual([{ type: 'SignedIn', data: { userId: 'u-1', sessionId: 's-1', client: 'api', ip: '10.0.0.1' } }]);
    expect(given(created, failure(1), failure(2), ...events)).toMatchObject({ consecutiveFailures: 0 });
  });

  it(`locks the account for ${LOCKOUT_MINUTES} minutes on the ${LOCKOUT_THRESHOLD}th wrong password in a row`, () => {
    const failures = Array.from({ length: LOCKOUT_THRESHOLD - 1 }, (_, index) => failure(index + 1));
    const events = accountDecider.decide(attempt(false), given(created, ...failures));
    expect(events).toEqual([failure(LOCKOUT_THRESHOLD), { type: 'AccountLocked', data: { userId: 'u-1', until: '2026-11-22T09:15:00.000Z' } }]);

    const locked = given(created, ...failures, ...events);
    expect(isLocked(locked, new Date('2026-11-22T09:14:59.000Z'))).toBe(true);
    expect(accountDecider.decide(attempt(true, '2026-11-22T09:10:00.000Z'), locked)).toEqual([
      { type: 'SignInFailed', data: { userId: 'u-1', reason: 'locked', consecutiveFailures: 0, ip: '10.0.0.1' } },
    ]);
    expect(accountDecider.decide(attempt(true, '2026-11-22T09:15:00.000Z'), locked)[0].type).toBe('SignedIn');
  });

  it('refuses a disabled account whatever the password, and lets it in again once enabled', () => {
    const disabled = given(created, { type: 'AccountDisabled', data: { userId: 'u-1', reason: '调离' } });
    expect(accountDecider.decide(attempt(true), disabled)).toEqual([
      { type: 'SignInFailed', data: { userId: 'u-1', reason: 'disabled', consecutiveFailures: 0, ip: '10.0.0.1' } },
    ]);
    const enabled = given(created, { type: 'AccountDisabled', data: { userId: 'u-1', reason: '调离' } }, { type: 'AccountEnabled', data: { userId: 'u-1' } });
    expect(accountDecider.decide(attempt(true), enabled)[0].type).toBe('SignedIn');
  });

  it('refuses changing your own role or disabling yourself, and records nothing for a role that is already held', () => {
    const state = given(created);
    expect(catchDomainError(() => accountDecider.decide({ type: 'ChangeRole', data: { role: 'admin', by: 'u-1' } }, state)).code).toBe('IDENTITY.OWN_ROLE');
    expect(catchDomainError(() => accountDecider.decide({ type: 'DisableAccount', data: { reason: 'x', by: 'u-1' } }, state)).code).toBe(
      'IDENTITY.OWN_ACCOUNT',
    );
    expect(accountDecider.decide({ type: 'ChangeRole', data: { role: 'caseworker', by: 'admin-1' } }, state)).toEqual([]);
    expect(accountDecider.decide({ type: 'ChangeRole', data: { role: 'supervisor', by: 'admin-1' } }, state)).toEqual([
      { type: 'AccountRoleChanged', data: { userId: 'u-1', role: 'supervisor', previousRole: 'caseworker' } },
    ]);
  });

  it('refuses commands on an account that does not exist, and a second creation', () => {
    expect(catchDomainError(() => accountDecider.decide(attempt(true), accountDecider.initialState())).category).toBe('not_found');
    expect(catchDomainError(() => accountDecider.decide({ type: 'CreateAccount', data: created.data as never }, given(created))).category).toBe('conflict');
  });
});
