import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ANY, createCommandContext, EventStore, toEventsToAppend } from '#event-store';
import { Clock, DomainError, IdGenerator, shanghaiDate, type Role } from '#shared-kernel';
import { isLocked, type SignInClient } from '../accounts/account.decider.js';
import { CurrentAccounts } from '../accounts/current-accounts.js';
import { findAccountIdByUsername } from '../accounts/account-lookup.js';
import { accessLogStreamName } from '../identity.streams.js';
import { CredentialStore } from '../sessions/credential-store.js';
import { PasswordHasher } from '../sessions/password-hasher.js';
import { SESSION_POLICY, SessionStore, type SessionPolicy } from '../sessions/session-store.js';

export interface SignedInUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: string;
}

export interface SignInResult {
  readonly user: SignedInUser;
  readonly sessionId: string;
  readonly token: string;
  readonly expiresAt: Date;
}

export class SignInCommand extends Command<SignInResult> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly client: SignInClient,
    readonly ip: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

const wrongCredentials = () =>
  new DomainError('IDENTITY.SIGN_IN_FAILED', 'unauthenticated', 'Wrong username or password', [
    { field: 'password', reason: 'does not match the username, or the account cannot sign in' },
  ]);

/**
 * Every attempt is recorded: on the account's stream when the username is known (which is also where the
 * lockout count lives), on the day's access-log stream when it is not.
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly accounts: CurrentAccounts,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialStore,
    private readonly sessions: SessionStore,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async execute(command: SignInCommand): Promise<SignInResult> {
    const userId = await findAccountIdByUsername(this.store, command.username);
    if (!userId) {
      await this.hasher.verifyDecoy(command.password);
      const context = createCommandContext({ actor: 'anonymous', correlationId: command.correlationId }, this.clock, this.ids);
      await this.store.appendToStream(
        accessLogStreamName(shanghaiDate(context.now)),
        ANY,
        toEventsToAppend([{ type: 'UnknownUserSignInFailed', data: { client: command.client, ip: command.ip } }], context),
      );
      throw wrongCredentials();
    }

    const now = this.clock.now();
    const state = await this.accounts.load(userId);
    const mayTry = state.status === 'active' && !isLocked(state, now);
    const hash = mayTry ? await this.credentials.hashOf(userId) : undefined;
    const passwordMatches = hash ? await this.hasher.verify(hash, command.password) : await this.hasher.verifyDecoy(command.password);

    const sessionId = this.ids.newId();
    const context = createCommandContext({ actor: userId, correlationId: command.correlationId }, this.clock, this.ids);
    const { state: decidedOn, events } = await this.accounts.decide(
      userId,
      { type: 'RecordSignInAttempt', data: { passwordMatches, sessionId, client: command.client, ip: command.ip, now: context.now.toISOString() } },
      context,
    );
    const outcome = events[0];
    if (outcome?.type !== 'SignedIn' || decidedOn.status === 'absent') {
      const lock = events.find((event) => event.type === 'AccountLocked');
      const stillLocked = outcome?.type === 'SignInFailed' && outcome.data.reason === 'locked' && decidedOn.status !== 'absent';
      const lockedUntil = lock?.type === 'AccountLocked' ? lock.data.until : stillLocked ? decidedOn.lockedUntil : null;
      if (lockedUntil) {
        throw new DomainError(
          'IDENTITY.ACCOUNT_LOCKED',
          'unauthenticated',
          'Too many failed sign-ins: this account is locked for a while',
          [{ field: 'username', reason: `is locked until ${lockedUntil}` }],
          { lockedUntil },
        );
      }
      throw wrongCredentials();
    }
    const session = await this.sessions.open(sessionId, userId, command.client, this.policy, context.now);
    return {
      user: { userId, username: decidedOn.username, displayName: decidedOn.displayName, role: decidedOn.role, unitId: decidedOn.unitId },
      sessionId,
      token: session.token,
      expiresAt: session.expiresAt,
    };
  }
}
