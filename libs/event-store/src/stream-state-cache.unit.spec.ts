import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port.js';
import { StreamStateCache } from './stream-state-cache.js';

/** A stream of "Added" events, and the reads made of it. */
function storeWith(amounts: number[]) {
  const reads: bigint[] = [];
  const recorded = () =>
    amounts.map(
      (amount, revision): RecordedEvent =>
        ({ streamName: 's', revision: BigInt(revision), type: 'Added', data: { amount } }) as unknown as RecordedEvent,
    );
  const store = {
    async readStream(_name: string, options: ReadStreamOptions = {}) {
      reads.push(options.fromRevision ?? 0n);
      return recorded().filter((event) => event.revision >= (options.fromRevision ?? 0n));
    },
  } as unknown as EventStore;
  return { store, reads };
}

const total = {
  initialState: () => ({ sum: 0, seen: 0 }),
  evolve: (state: { sum: number; seen: number }, event: { type: 'Added'; data: { amount: number } }) => ({ sum: state.sum + event.data.amount, seen: state.seen + 1 }),
};

describe('StreamStateCache', () => {
  it('reads only the events after the revision it holds, and folds to what a full read folds to', async () => {
    const amounts = [5, 7];
    const { store, reads } = storeWith(amounts);
    const cache = new StreamStateCache(store);
    expect(await cache.load(total, 's')).toEqual({ state: { sum: 12, seen: 2 }, revision: 1n });
    amounts.push(1, 2); // another writer appended
    expect(await cache.load(total, 's')).toEqual({ state: { sum: 15, seen: 4 }, revision: 3n });
    expect(await cache.load(total, 's')).toEqual({ state: { sum: 15, seen: 4 }, revision: 3n });
    expect(reads).toEqual([0n, 2n, 4n]);
  });

  it('keeps nothing for a stream that does not exist, and forgets the least recently used past its capacity', async () => {
    const { store, reads } = storeWith([3]);
    const cache = new StreamStateCache(store, 1);
    const missing = storeWith([]);
    expect(await new StreamStateCache(missing.store).load(total, 'none')).toEqual({ state: { sum: 0, seen: 0 }, revision: -1n });
    await cache.load(total, 'a');
    await cache.load(total, 'b'); // pushes a out
    await cache.load(total, 'a');
    expect(reads).toEqual([0n, 0n, 0n]);
  });
});
