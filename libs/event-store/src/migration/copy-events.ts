import { createHash } from 'node:crypto';
import type { EventStore, JsonValue, RecordedEvent, StreamAppend } from '../event-store.port.js';
import { WrongExpectedRevisionError } from '../errors.js';
import { exactly, NO_STREAM } from '../expected-revision.js';
import { formatPosition, START, type Position } from '../position.js';

/** Where a copy has got to in the source log; kept by the caller (the CLI keeps it in PostgreSQL). */
export interface CopyProgress {
  /** The source position after which copying resumes, or undefined to start from the beginning. */
  load(): Promise<Position | undefined>;
  /** Called after each source transaction has been copied (or found already on the target). */
  save(position: Position, eventsDone: number): Promise<void>;
}

export interface CopyEventsOptions {
  readonly source: EventStore;
  readonly target: EventStore;
  readonly progress?: CopyProgress;
  /** Events read from the source per page. */
  readonly batchSize?: number;
  /**
   * Stop once at least this many events have been handled in this run (at a transaction boundary): for
   * copying in slices, and for the tests, which interrupt a copy this way.
   */
  readonly maxEvents?: number;
  readonly onTransaction?: (report: CopyReport) => void;
}

export interface CopyReport {
  /**
   * Events of this run that the target accepted: written now, or, where an earlier run had written them already,
   * acknowledged again by the server's idempotency (same ids at the same expected revision) without a second copy.
   */
  readonly appended: number;
  /** Events of this run that the target refused on the revision and was found to hold already, id for id. */
  readonly alreadyThere: number;
  /** The last source position handled: the resume point. */
  readonly lastPosition: Position;
  /** True when the source's end was reached; false when maxEvents stopped the run first. */
  readonly complete: boolean;
}

/** The target holds something else where the source's event should go: copying cannot go on. */
export class CopyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyConflictError';
  }
}

/**
 * Copies every event of the source log into the target, in the source's global order, keeping each event's
 * id, type, data, metadata and its revision in its stream.
 *
 * Each event is appended with the expected revision its stream had before it in the source (no-stream for
 * revision 0, else exactly revision - 1). So a copy can be run again at any time: an event already on the
 * target makes the append fail on the revision, and then the target's event at that revision must carry the
 * same id (and type), or the copy stops with a CopyConflictError. The target also treats an append retried with
 * the same ids at the same expected revision as done (EventStoreDB/KurrentDB idempotency). The saved progress is
 * only a short cut; without it the copy starts over and skips what is there.
 *
 * Source events are grouped by their position's `commit`: in the PostgreSQL store that is the id of the
 * transaction that appended them, so one group is one original append. A group spanning several streams (a
 * union founded with the enterprises it covers) is written with one atomic multi-stream append, so the target
 * never holds half of what the source wrote all at once, even if the copy dies in between. A group that a page
 * of the source cut in two is held back until its last event has been read.
 */
export async function copyEvents(options: CopyEventsOptions): Promise<CopyReport> {
  const { source, target, progress } = options;
  const batchSize = options.batchSize ?? 500;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let cursor = (await progress?.load()) ?? START;
  let lastPosition = cursor;
  let appended = 0;
  let alreadyThere = 0;
  let pending: RecordedEvent[] = [];
  const report = (complete: boolean): CopyReport => ({ appended, alreadyThere, lastPosition, complete });

  const flush = async () => {
    if (!pending.length) return;
    const written = await copyTransaction(target, pending);
    if (written) appended += pending.length;
    else alreadyThere += pending.length;
    lastPosition = pending[pending.length - 1].position;
    pending = [];
    await progress?.save(lastPosition, appended + alreadyThere);
    options.onTransaction?.(report(false));
  };

  for (;;) {
    const slice = await source.readAll({ after: cursor, maxCount: batchSize });
    for (const event of slice.events) {
      if (pending.length && event.position.commit !== pending[0].position.commit) {
        await flush();
        if (appended + alreadyThere >= maxEvents) return report(false);
      }
      pending.push(event);
    }
    cursor = slice.lastPosition;
    if (slice.isEnd) {
      await flush();
      return report(true);
    }
  }
}

/** Appends one source transaction; true if written now, false if it was on the target already. */
async function copyTransaction(target: EventStore, events: readonly RecordedEvent[]): Promise<boolean> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const stream = byStream.get(event.streamName) ?? [];
    const previous = stream[stream.length - 1];
    if (previous && event.revision !== previous.revision + 1n) {
      throw new CopyConflictError(
        `Source transaction at ${formatPosition(event.position)} writes ${event.streamName} at revision ${event.revision} after ${previous.revision}: not consecutive`,
      );
    }
    stream.push(event);
    byStream.set(event.streamName, stream);
  }
  const appends: StreamAppend[] = [...byStream].map(([streamName, stream]) => ({
    streamName,
    expectedRevision: stream[0].revision === 0n ? NO_STREAM : exactly(stream[0].revision - 1n),
    events: stream.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
  }));
  try {
    await target.appendToStreams(appends);
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  }
  // Refused on a revision: all of it must be there already, event for event (it was written atomically).
  for (const [streamName, stream] of byStream) {
    const found = await target.readStream(streamName, { fromRevision: stream[0].revision, maxCount: stream.length });
    stream.forEach((event, index) => {
      const there = found[index];
      if (!there || there.revision !== event.revision) {
        throw new CopyConflictError(
          `${streamName} on the target is not at revision ${event.revision} where the source has event ${event.metadata.eventId} (${event.type}), and refused it there: ` +
            'the target holds events the source does not (or lacks earlier ones)',
        );
      }
      if (there.metadata.eventId !== event.metadata.eventId || there.type !== event.type) {
        throw new CopyConflictError(
          `${streamName} revision ${event.revision}: the source has event ${event.metadata.eventId} (${event.type}), the target has ${there.metadata.eventId} (${there.type})`,
        );
      }
    });
  }
  return false;
}

export interface LogDigest {
  /** Events outside system streams. */
  readonly count: number;
  /** SHA-256 over (stream, revision, event id, type, canonical data, canonical metadata) of each event, in log order. */
  readonly sha256: string;
}

/**
 * Counts and hashes a whole log in its global order. System events (`$`-typed, or in `$`-named streams: the
 * server's own, in EventStoreDB/KurrentDB's $all) are left out, so a source and a target can be compared.
 * recordedAt and positions differ between stores by nature and are not hashed.
 */
export async function digestLog(store: EventStore, batchSize = 500): Promise<LogDigest> {
  const hash = createHash('sha256');
  let count = 0;
  let after = START;
  for (;;) {
    const slice = await store.readAll({ after, maxCount: batchSize });
    for (const event of slice.events) {
      if (event.streamName.startsWith('$') || event.type.startsWith('$')) continue;
      count++;
      hash.update(
        `${JSON.stringify([
          event.streamName,
          event.revision.toString(),
          event.metadata.eventId,
          event.type,
          canonicalJson(event.data),
          canonicalJson(event.metadata as unknown as JsonValue),
        ])}\n`,
      );
    }
    after = slice.lastPosition;
    if (slice.isEnd) return { count, sha256: hash.digest('hex') };
  }
}

export interface CopyVerification {
  readonly source: LogDigest;
  readonly target: LogDigest;
  readonly matches: boolean;
}

/** Digests both logs; they match when the counts and the hashes are equal. */
export async function verifyCopy(source: EventStore, target: EventStore, batchSize = 500): Promise<CopyVerification> {
  const [sourceDigest, targetDigest] = await Promise.all([digestLog(source, batchSize), digestLog(target, batchSize)]);
  return {
    source: sourceDigest,
    target: targetDigest,
    matches: sourceDigest.count === targetDigest.count && sourceDigest.sha256 === targetDigest.sha256,
  };
}

/** JSON with object keys sorted at every level, so equal values hash equally whatever order a store keeps keys in. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
