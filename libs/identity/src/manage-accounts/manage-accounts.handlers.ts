import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  createCommandContext,
  EventStore,
  formatPosition,
  handleCommand,
  NO_STREAM,
  toEventsToAppend,
  WrongExpectedRevisionError,
  type CommandContext,
} from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { Clock, DomainError, IdGenerator } from '#shared-kernel';
import { accountDecider, type AccountCommand, type ExistingAccount } from '../accounts/account.decider.js';
import { CurrentAccounts } from '../accounts/current-accounts.js';
import { accountStreamName, usernameClaimStreamName } from '../identity.streams.js';
import { CredentialStore } from '../sessions/credential-store.js';
import { PasswordHasher } from '../sessions/password-hasher.js';
import { SessionStore } from '../sessions/session-store.js';
import { UnitDirectory } from '../units/unit-directory.js';
import type { CreateAccountDto } from './manage-accounts.dto.js';

export interface AccountWritten {
  readonly userId: string;
  readonly revision: bigint;
  readonly position?: string;
}

/** A password that may not be used for this username (beyond the length the request's validation checks). */
export function passwordProblem(username: string, password: string, field: string): DomainError | undefined {
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return new DomainError('IDENTITY.WEAK_PASSWORD', 'invalid', 'The password must not contain the username', [
      { field, reason: 'must not contain the username' },
    ]);
  }
  return undefined;
}

/** Accounts an admin may manage: those whose unit is the admin's own or below it. Others do not exist for them. */
@Injectable()
export class AccountsInScope {
  constructor(
    private readonly accounts: CurrentAccounts,
    private readonly units: UnitDirectory,
  ) {}

  async require(actor: Actor, userId: string): Promise<ExistingAccount> {
    const state = await this.accounts.load(userId);
    if (state.status === 'absent' || !(await this.units.isInScope(actor, state.unitId))) {
      throw new DomainError('IDENTITY.ACCOUNT_NOT_FOUND', 'not_found', `No account ${userId}`);
    }
    return state;
  }
}

export class CreateAccountCommand extends Command<AccountWritten> {
  constructor(
    readonly data: CreateAccountDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialStore,
  ) {}

  async execute({ data, actor, meta }: CreateAccountCommand): Promise<AccountWritten> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    return createAccount(
      { store: this.store, hasher: this.hasher, credentials: this.credentials },
      createCommandContext(meta, this.clock, this.ids),
      { ...data, userId: this.ids.newId() },
    );
  }
}

/** Shared by the API and the first-admin command: hash kept aside, then the username claim and the account in one append. */
export async function createAccount(
  deps: { store: EventStore; hasher: PasswordHasher; credentials: CredentialStore },
  context: CommandContext,
  data: CreateAccountDto & { userId: string },
): Promise<AccountWritten> {
  const { password, ...account } = data;
  const weak = passwordProblem(data.username, password, 'password');
  if (weak) throw weak;
  const username = data.username.toLowerCase();
  const events = accountDecider.decide({ type: 'CreateAccount', data: { ...account, username } }, accountDecider.initialState());
  await deps.credentials.save(data.userId, await deps.hasher.hash(password));
  try {
    const results = await deps.store.appendToStreams([
      {
        streamName: usernameClaimStreamName(username),
        expectedRevision: NO_STREAM,
        events: toEventsToAppend([{ type: 'UsernameClaimed', data: { username, userId: data.userId } }], context),
      },
      { streamName: accountStreamName(data.userId), expectedRevision: NO_STREAM, events: toEventsToAppend(events, context) },
    ]);
    const result = results.get(accountStreamName(data.userId))!;
    return { userId: data.userId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
  } catch (error) {
    await deps.credentials.discard(data.userId);
    if (error instanceof WrongExpectedRevisionError) {
      throw new DomainError('IDENTITY.USERNAME_TAKEN', 'conflict', 'This username is already taken', [
        { field: 'username', reason: 'is already taken' },
      ]);
    }
    throw error;
  }
}

type AdminChange =
  | { kind: 'role'; command: Extract<AccountCommand, { type: 'ChangeRole' }> }
  | { kind: 'unit'; command: Extract<AccountCommand, { type: 'MoveAccount' }> }
  | { kind: 'disable'; command: Extract<AccountCommand, { type: 'DisableAccount' }> }
  | { kind: 'enable'; command: Extract<AccountCommand, { type: 'EnableAccount' }> }
  | { kind: 'reset-password'; newPassword: string };

export class ChangeAccountCommand extends Command<AccountWritten> {
  constructor(
    readonly userId: string,
    readonly change: AdminChange,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

/** An admin's changes to an account within their units. Disabling or resetting a password ends its sessions. */
@CommandHandler(ChangeAccountCommand)
export class ChangeAccountHandler implements ICommandHandler<ChangeAccountCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly inScope: AccountsInScope,
    private readonly units: UnitDirectory,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialStore,
    private readonly sessions: SessionStore,
  ) {}

  async execute({ userId, change, actor, meta, expectedRevision }: ChangeAccountCommand): Promise<AccountWritten> {
    const account = await this.inScope.require(actor, userId);
    const context = createCommandContext(meta, this.clock, this.ids);
    let command: AccountCommand;
    if (change.kind === 'reset-password') {
      if (userId === actor.userId) {
        throw new DomainError('IDENTITY.OWN_PASSWORD_RESET', 'unprocessable', 'Change your own password with your current one, not by a reset');
      }
      const weak = passwordProblem(account.username, change.newPassword, 'newPassword');
      if (weak) throw weak;
      await this.credentials.save(userId, await this.hasher.hash(change.newPassword));
      command = { type: 'RecordPasswordChange', data: { by: 'admin' } };
    } else {
      if (change.kind === 'unit') await this.units.requireWithinScope(actor, change.command.data.unitId, 'unitId');
      command = change.command;
    }
    const outcome = await handleCommand(this.store, accountDecider, accountStreamName(userId), command, context, { expectedRevision });
    if (change.kind === 'disable' || change.kind === 'reset-password') {
      await this.sessions.endAllOf(userId, change.kind === 'disable' ? 'account_disabled' : 'password_reset', context.now);
    }
    return {
      userId,
      revision: outcome.revision,
      position: outcome.append ? formatPosition(outcome.append.position) : undefined,
    };
  }
}

export class ChangeOwnPasswordCommand extends Command<void> {
  constructor(
    readonly currentPassword: string,
    readonly newPassword: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** A user changes their own password; their other sessions end, the one they are using stays. */
@CommandHandler(ChangeOwnPasswordCommand)
export class ChangeOwnPasswordHandler implements ICommandHandler<ChangeOwnPasswordCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialStore,
    private readonly sessions: SessionStore,
  ) {}

  async execute({ currentPassword, newPassword, actor, meta }: ChangeOwnPasswordCommand): Promise<void> {
    const hash = await this.credentials.hashOf(actor.userId);
    if (!hash || !(await this.hasher.verify(hash, currentPassword))) {
      throw new DomainError('IDENTITY.WRONG_PASSWORD', 'unprocessable', 'The current password is wrong', [
        { field: 'currentPassword', reason: 'is wrong' },
      ]);
    }
    if (currentPassword === newPassword) {
      throw new DomainError('IDENTITY.SAME_PASSWORD', 'invalid', 'The new password is the current one', [
        { field: 'newPassword', reason: 'must differ from the current password' },
      ]);
    }
    const weak = passwordProblem(actor.username, newPassword, 'newPassword');
    if (weak) throw weak;
    const context = createCommandContext(meta, this.clock, this.ids);
    await this.credentials.save(actor.userId, await this.hasher.hash(newPassword));
    await handleCommand(this.store, accountDecider, accountStreamName(actor.userId), { type: 'RecordPasswordChange', data: { by: 'self' } }, context);
    await this.sessions.endAllOf(actor.userId, 'password_changed', context.now, actor.sessionId);
  }
}

export class SignOutCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(
    private readonly accounts: CurrentAccounts,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly sessions: SessionStore,
  ) {}

  async execute({ actor, meta }: SignOutCommand): Promise<void> {
    const context = createCommandContext(meta, this.clock, this.ids);
    await this.sessions.end(actor.sessionId, 'signed_out', context.now);
    await this.accounts.decide(actor.userId, { type: 'RecordSignOut', data: { sessionId: actor.sessionId } }, context);
  }
}

