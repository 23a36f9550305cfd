import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { START, type EventStore, type RecordedEvent } from '#event-store';
import { chainStore, type ChainLink } from '../chain-store.js';
import type { Checkpoint } from '../checkpoint-signature.js';
import { verifyChain, type VerifyReport } from '../verify-chain.js';

const LOG_BATCH = 500;
const CHAIN_BATCH = 1000;

export interface VerifyLogOptions {
  readonly store: EventStore;
  /** The database holding the `audit` schema. */
  readonly dataSource: DataSource;
  /** The key checkpoints must verify under: the installation's, or an auditor's own copy of it. */
  readonly publicKey: KeyObject;
  readonly keptCheckpoint?: Checkpoint;
  readonly now: Date;
}

/**
 * Replays the log through the event-store port beside the chain, both in batches, recomputing every hash, and
 * reports the first event that was altered, removed, reordered or inserted, or that everything holds up to the
 * latest checkpoint. Reads only: used by the API and by `npm run verify-log` alike.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyReport> {
  const { store, dataSource } = options;
  const chainedEvents = (await chainStore.head(dataSource))?.sequence ?? 0;
  const checkpoints = await chainStore.checkpointsUpTo(dataSource, chainedEvents);
  return verifyChain({
    log: readLog(store),
    chain: readChain(dataSource, chainedEvents),
    chainedEvents,
    checkpoints,
    keptCheckpoint: options.keptCheckpoint,
    publicKey: options.publicKey,
    linkOf: (eventId) => chainStore.linkOf(dataSource, eventId),
    logHolds: async (link) => {
      const [event] = await store.readStream(link.streamName, { fromRevision: link.revision, maxCount: 1 });
      return event?.revision === link.revision && event.metadata.eventId === link.eventId;
    },
    now: options.now,
  });
}

async function* readLog(store: EventStore): AsyncGenerator<RecordedEvent> {
  for (let after = START; ; ) {
    const slice = await store.readAll({ after, maxCount: LOG_BATCH });
    yield* slice.events;
    if (slice.isEnd) return;
    after = slice.lastPosition;
  }
}

async function* readChain(dataSource: DataSource, upTo: number): AsyncGenerator<ChainLink> {
  for (let after = 0; after < upTo; ) {
    const links = await chainStore.links(dataSource, after, CHAIN_BATCH, upTo);
    if (!links.length) return;
    yield* links;
    after = links[links.length - 1].sequence;
  }
}
