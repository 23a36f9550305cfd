import type {
  AppendResult,
  EventMetadata,
  EventToAppend,
  JsonObject,
  LogProgress,
  ProgressOptions,
  ReadAllOptions,
  ReadAllSlice,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
  SubscriptionBatch,
} from '../event-store.port.js';
import { EventStore } from '../event-store.port.js';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.js';
import { NO_REVISION, type ExpectedRevision } from '../expected-revision.js';
import { comparePositions, START, type Position } from '../position.js';
import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  START as CLIENT_START,
  StoreClient,
  type AppendStreamState,
  type EventData,
  type ResolvedEvent,
} from './eventstoredb-client.js';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://` or `kurrentdb://` connection string, e.g. `kurrentdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
}

const MAX_READ = 10_000;
/** The server cannot count: lag is counted by reading events, so only this many (each scrape reads them). */
const PROGRESS_COUNT_LIMIT = 1000;
const SYSTEM_EVENTS = () => excludeSystemEvents();

/**
 * The event-store port over EventStoreDB/KurrentDB. Our metadata travels as the event's JSON metadata, every
 * field a string (multi-stream append carries metadata as string properties); the event id is the server's.
 * System events (`$`-typed) are filtered out of every $all read and subscription.
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly client: StoreClient;

  constructor(options: EventStoreDbEventStoreOptions) {
    super();
    this.client = StoreClient.connectionString(options.connectionString);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  async appendToStream(streamName: string, expectedRevision: ExpectedRevision, events: readonly EventToAppend[]): Promise<AppendResult> {
    validate([{ streamName, expectedRevision, events }]);
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), {
        streamState: toStreamState(expectedRevision),
      });
      if (!result.position) throw new EventStoreUnavailableError(`The server gave no position for the append to ${streamName}`);
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      throw mapError(error, [{ streamName, expectedRevision, events }]);
    }
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<ReadonlyMap<string, AppendResult>> {
    validate(appends);
    if (appends.length === 1) {
      const [only] = appends;
      return new Map([[only.streamName, await this.appendToStream(only.streamName, only.expectedRevision, only.events)]]);
    }
    try {
      const result = await this.client.multiStreamAppend(
        appends.map((append) => ({
          streamName: append.streamName,
          expectedState: toStreamState(append.expectedRevision),
          events: append.events.map(toEventData),
        })),
      );
      // The server reports one position for the whole transaction: every stream's result carries it.
      const position = { commit: result.position, prepare: result.position };
      return new Map(result.responses.map((response: { streamName: string; revision: bigint }) => [response.streamName, { nextExpectedRevision: response.revision, position }]));
    } catch (error) {
      throw mapError(error, appends);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : CLIENT_START),
        ...(options.maxCount === undefined ? {} : { maxCount: clampCount(options.maxCount, MAX_READ) }),
      });
      for await (const resolved of read) events.push(toRecordedEvent(resolved));
    } catch (error) {
      if (isCommandError(error, 'stream-not-found')) return [];
      throw mapError(error, []);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllSlice> {
    const after = options.after ?? START;
    const maxCount = clampCount(options.maxCount, 1000);
    // The server reads forwards from a position inclusively: ask for one more and drop the checkpoint itself.
    const requested = maxCount + 1;
    const raw: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: isStart(after) ? CLIENT_START : after,
        direction: FORWARDS,
        maxCount: requested,
        filter: SYSTEM_EVENTS(),
      })) {
        raw.push(toRecordedEvent(resolved));
      }
    } catch (error) {
      throw mapError(error, []);
    }
    const events = raw.filter((event) => comparePositions(event.position, after) > 0).slice(0, maxCount);
    return {
      events,
      lastPosition: events.length ? events[events.length - 1].position : after,
      isEnd: raw.length < requested,
    };
  }

  async headPosition(): Promise<Position> {
    try {
      for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, filter: SYSTEM_EVENTS() })) {
        return toRecordedEvent(resolved).position;
      }
    } catch (error) {
      throw mapError(error, []);
    }
    return START;
  }

  /**
   * EventStoreDB has no count of events between two positions, so this reads them, non-system events only, up to
   * the limit (1000 at most): past it the count is flagged inexact. An append is visible once committed, so the
   * head is the newest non-system event's position, as `headPosition()` gives it.
   */
  async progressAfter(after: Position, options: ProgressOptions = {}): Promise<LogProgress> {
    const limit = Math.min(options.countLimit ?? PROGRESS_COUNT_LIMIT, PROGRESS_COUNT_LIMIT);
    const [head, slice] = await Promise.all([this.headPosition(), this.readAll({ after, maxCount: limit })]);
    let oldest: Date | null = null;
    for (const event of slice.events) if (!oldest || event.recordedAt < oldest) oldest = event.recordedAt;
    return { head, eventsAfter: slice.events.length, exact: slice.isEnd, oldestRecordedAt: oldest };
  }

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<SubscriptionBatch> {
    const maxBatchSize = clampCount(options.maxBatchSize, 1000);
    const signal = options.signal;
    let checkpoint = options.after ?? START;

    // Catch up by reading pages: a short page (possibly empty) reaches the head, and says so once.
    for (;;) {
      if (signal?.aborted) return;
      const slice = await this.readAll({ after: checkpoint, maxCount: maxBatchSize });
      checkpoint = slice.lastPosition;
      if (signal?.aborted) return;
      yield { events: slice.events, caughtUp: slice.isEnd, position: checkpoint };
      if (slice.isEnd) break;
    }

    // Then follow live appends with the server's catch-up subscription, from the last position delivered.
    yield* this.follow(checkpoint, maxBatchSize, signal);
  }

  private async *follow(after: Position, maxBatchSize: number, signal: AbortSignal | undefined): AsyncIterable<SubscriptionBatch> {
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: isStart(after) ? CLIENT_START : after,
      filter: SYSTEM_EVENTS(),
    });
    let failure: unknown;
    let wake: (() => void) | undefined;
    const notify = () => wake?.();
    subscription.on('readable', notify);
    subscription.on('end', notify);
    subscription.on('error', (error: unknown) => {
      failure = error;
      notify();
    });
    signal?.addEventListener('abort', notify);
    let last = after;
    try {
      for (;;) {
        if (signal?.aborted) return;
        if (failure) throw mapError(failure, []);
        const batch: RecordedEvent[] = [];
        let resolved: ResolvedEvent | null;
        while (batch.length < maxBatchSize && (resolved = subscription.read() as ResolvedEvent | null) !== null) {
          const event = toRecordedEvent(resolved);
          // Delivery starts after the checkpoint; never hand out an event twice.
          if (comparePositions(event.position, last) <= 0) continue;
          batch.push(event);
          last = event.position;
        }
        if (batch.length) {
          yield { events: batch, caughtUp: subscription.readableLength === 0, position: last };
          continue;
        }
        if (subscription.readableEnded) throw new EventStoreUnavailableError('The server ended the subscription');
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', notify);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }
}

type ClientEvent = NonNullable<ResolvedEvent['event']>;

function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.metadata.eventId,
    type: event.type,
    data: event.data,
    metadata: encodeMetadata(event.metadata),
  });
}

function encodeMetadata(metadata: EventMetadata): Record<string, string> {
  return {
    eventId: metadata.eventId,
    occurredAt: metadata.occurredAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    schemaVersion: String(metadata.schemaVersion),
  };
}

function decodeMetadata(raw: unknown, id: string): EventMetadata {
  const fields = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : String(fields[key] ?? ''));
  return {
    eventId: typeof fields.eventId === 'string' ? fields.eventId : id,
    occurredAt: text('occurredAt'),
    actor: text('actor'),
    correlationId: text('correlationId'),
    causationId: text('causationId'),
    schemaVersion: Number(fields.schemaVersion ?? 1),
  };
}

function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event as ClientEvent | undefined;
  if (!event || !event.position) throw new EventStoreUnavailableError('The server sent an event without a position');
  return {
    streamName: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    type: event.type,
    data: (event.isJson ? event.data : {}) as JsonObject,
    metadata: decodeMetadata(event.metadata, event.id),
    recordedAt: event.created,
  };
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected.kind) {
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    case 'any':
      return 'any';
    case 'exact':
      return expected.revision;
  }
}

function isStart(position: Position): boolean {
  return comparePositions(position, START) === 0;
}

function clampCount(count: number | undefined, max: number): number {
  if (count === undefined) return max;
  if (!Number.isInteger(count) || count < 1) throw new InvalidAppendError(`maxCount must be a positive integer, not ${count}`);
  return Math.min(count, max);
}

function validate(appends: readonly StreamAppend[]): void {
  if (appends.length === 0) throw new InvalidAppendError('Nothing to append');
  const names = new Set<string>();
  for (const append of appends) {
    if (!append.streamName) throw new InvalidAppendError('A stream name is required');
    if (names.has(append.streamName)) throw new InvalidAppendError(`Stream ${append.streamName} appears twice in one append`);
    names.add(append.streamName);
    if (append.events.length === 0) throw new InvalidAppendError(`No events to append to ${append.streamName}`);
  }
}

function isCommandError(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

const UNAVAILABLE = ['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled'];

/** Maps the client's errors onto the port's; anything else is passed on unchanged. */
function mapError(error: unknown, appends: readonly StreamAppend[]): unknown {
  if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('EVENT_STORE.')) return error;
  if (isCommandError(error, 'wrong-expected-version')) {
    const refused = error as { streamName?: string; actualState?: bigint | 'no_stream' };
    const append = appends.find((a) => a.streamName === refused.streamName) ?? appends[0];
    const actual = refused.actualState === undefined ? undefined : refused.actualState === 'no_stream' ? NO_REVISION : refused.actualState;
    return new WrongExpectedRevisionError(refused.streamName ?? append?.streamName ?? '', append?.expectedRevision ?? { kind: 'any' }, actual);
  }
  if (isCommandError(error, 'unsupported')) {
    return new InvalidAppendError(`The server cannot do this (${(error as Error).message}); atomic multi-stream append needs KurrentDB 25.1 or later`);
  }
  // The client's server-features probe passes raw gRPC errors on: UNAVAILABLE (14) or DEADLINE_EXCEEDED (4).
  const grpcCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (UNAVAILABLE.some((type) => isCommandError(error, type)) || grpcCode === 14 || grpcCode === 4) {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
