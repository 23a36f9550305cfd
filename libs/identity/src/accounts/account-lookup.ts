import { EventStore, loadStream } from '#event-store';
import { usernameClaimStreamName } from '../identity.streams.js';
import { accountDecider, type AccountState } from './account.decider.js';
import { accountStreamName } from '../identity.streams.js';

/** The account holding a username, from the username's claim stream (no read model in between). */
export async function findAccountIdByUsername(store: EventStore, username: string): Promise<string | undefined> {
  const [claim] = await store.readStream(usernameClaimStreamName(username), { maxCount: 1 });
  return claim ? String(claim.data.userId) : undefined;
}

export async function loadAccount(store: EventStore, userId: string): Promise<{ state: AccountState; revision: bigint }> {
  return loadStream(store, accountDecider, accountStreamName(userId));
}
