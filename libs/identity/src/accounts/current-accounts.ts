import { Injectable } from '@nestjs/common';
import {
  EventStore,
  expectedFrom,
  NO_REVISION,
  toDomainEvent,
  toEventsToAppend,
  WrongExpectedRevisionError,
  type CommandContext,
} from '#event-store';
import { accountStreamName } from '../identity.streams.js';
import { accountDecider, type AccountCommand, type AccountEvent, type AccountState } from './account.decider.js';

const MOST_ACCOUNTS_KEPT = 10_000;
const RACE_RETRIES = 5;

/**
 * Each account's current state for the access guard, which needs it on every request. An account's stream grows
 * with every sign-in, so rather than fold it all each time, the folded state is kept and only the events after
 * it are read: one indexed read that usually returns nothing. Events never change, so this is always current.
 */
@Injectable()
export class CurrentAccounts {
  private readonly folded = new Map<string, { state: AccountState; revision: bigint }>();
  private readonly queued = new Map<string, Promise<unknown>>();

  constructor(private readonly store: EventStore) {}

  async load(userId: string): Promise<AccountState> {
    return (await this.loadWithRevision(userId)).state;
  }

  /**
   * The frequent account commands (sign-in, sign-out) decided on the kept state and appended at its revision;
   * a concurrent append makes the append fail, and the command is decided again on the newer state.
   */
  decide(userId: string, command: AccountCommand, context: CommandContext): Promise<{ state: AccountState; events: AccountEvent[] }> {
    // One decision per account at a time in this process: simultaneous sign-ins queue instead of racing.
    const previous = this.queued.get(userId) ?? Promise.resolve();
    const decision = previous.catch(() => undefined).then(() => this.decideNow(userId, command, context));
    const settled = decision.catch(() => undefined);
    this.queued.set(userId, settled);
    void settled.then(() => {
      if (this.queued.get(userId) === settled) this.queued.delete(userId);
    });
    return decision;
  }

  private async decideNow(userId: string, command: AccountCommand, context: CommandContext): Promise<{ state: AccountState; events: AccountEvent[] }> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.loadWithRevision(userId);
      const events = accountDecider.decide(command, state);
      if (events.length === 0) return { state, events };
      try {
        await this.store.appendToStream(accountStreamName(userId), expectedFrom(revision), toEventsToAppend(events, context));
        return { state, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= RACE_RETRIES) throw error;
        // Another process appended to the account meanwhile: decide again on its state, after a short pause.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
  }

  private async loadWithRevision(userId: string): Promise<{ state: AccountState; revision: bigint }> {
    const known = this.folded.get(userId);
    const revision = known?.revision ?? NO_REVISION;
    const newer = await this.store.readStream(accountStreamName(userId), { fromRevision: revision + 1n });
    if (known && newer.length === 0) return known;
    const state = newer.reduce(
      (current, event) => accountDecider.evolve(current, toDomainEvent<AccountEvent>(event)),
      known?.state ?? accountDecider.initialState(),
    );
    this.folded.delete(userId);
    if (this.folded.size >= MOST_ACCOUNTS_KEPT) this.folded.delete(this.folded.keys().next().value!);
    // Re-inserted so the map's order is least recently used first.
    const current = { state, revision: newer.length ? newer[newer.length - 1].revision : revision };
    this.folded.set(userId, current);
    return current;
  }
}
