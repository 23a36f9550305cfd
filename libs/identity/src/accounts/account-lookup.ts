import { EventStore } from '#event-store';
import { usernameClaimStreamName } from '../identity.streams.js';

/** The account holding a username, from the username's claim stream (no read model in between). */
export async function findAccountIdByUsername(store: EventStore, username: string): Promise<string | undefined> {
  const [claim] = await store.readStream(usernameClaimStreamName(username), { maxCount: 1 });
  return claim ? String(claim.data.userId) : undefined;
}
