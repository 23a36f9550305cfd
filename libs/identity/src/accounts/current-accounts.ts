import { Injectable } from '@nestjs/common';
import { EventStore, NO_REVISION, toDomainEvent } from '#event-store';
import { accountStreamName } from '../identity.streams.js';
import { accountDecider, type AccountEvent, type AccountState } from './account.decider.js';

const MOST_ACCOUNTS_KEPT = 10_000;

/**
 * Each account's current state for the access guard, which needs it on every request. An account's stream grows
 * with every sign-in, so rather than fold it all each time, the folded state is kept and only the events after
 * it are read: one indexed read that usually returns nothing. Events never change, so this is always current.
 */
@Injectable()
export class CurrentAccounts {
  private readonly folded = new Map<string, { state: AccountState; revision: bigint }>();

  constructor(private readonly store: EventStore) {}

  async load(userId: string): Promise<AccountState> {
    const known = this.folded.get(userId);
    const revision = known?.revision ?? NO_REVISION;
    const newer = await this.store.readStream(accountStreamName(userId), { fromRevision: revision + 1n });
    if (known && newer.length === 0) return known.state;
    const state = newer.reduce(
      (current, event) => accountDecider.evolve(current, toDomainEvent<AccountEvent>(event)),
      known?.state ?? accountDecider.initialState(),
    );
    this.folded.delete(userId);
    if (this.folded.size >= MOST_ACCOUNTS_KEPT) this.folded.delete(this.folded.keys().next().value!);
    // Re-inserted so the map's order is least recently used first.
    this.folded.set(userId, { state, revision: newer.length ? newer[newer.length - 1].revision : revision });
    return state;
  }
}
