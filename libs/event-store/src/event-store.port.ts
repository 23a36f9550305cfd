import type { ExpectedRevision } from './expected-revision.js';
import type { Position } from './position.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did what, when, and why: recorded with every event. */
export interface EventMetadata {
  readonly eventId: string;
  /** ISO 8601 instant at which the fact happened (the command's clock, not the database's). */
  readonly occurredAt: string;
  /** The acting user's id. */
  readonly actor: string;
  /** Shared by every event that one request caused, across streams and follow-up commands. */
  readonly correlationId: string;
  /** The id of the command or event that directly caused this one. */
  readonly causationId: string;
  readonly schemaVersion: number;
}

/** An event as the writer hands it over. */
export interface EventToAppend {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** An event as the log holds it. */
export interface RecordedEvent extends EventToAppend {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
  /** When the store committed it (the store's clock). */
  readonly recordedAt: Date;
}

export interface StreamAppend {
  readonly streamName: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly EventToAppend[];
}

export interface AppendResult {
  /** The revision of the last event written to the stream. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event written. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the start of the log. */
  readonly after?: Position;
  readonly maxCount?: number;
  /**
   * Only events of these types are wanted. An adapter may leave the others out (PostgreSQL does, in its query;
   * `maxCount` then bounds the events looked at, and `lastPosition` is the last one looked at) or may deliver them
   * anyway, so a reader still checks each event's type.
   */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllSlice {
  readonly events: readonly RecordedEvent[];
  /** Where the next read continues from (the last event's position, or `after` when nothing came). */
  readonly lastPosition: Position;
  /** True when fewer than `maxCount` events were available. */
  readonly isEnd: boolean;
}

export interface ProgressOptions {
  /** Stop counting at this many events (the count is then flagged inexact). Adapters may cap it lower. */
  readonly countLimit?: number;
}

/** How far the committed log runs past a position: what a projection's or the audit chain's lag is made of. */
export interface LogProgress {
  /**
   * The newest committed event's position (START for an empty log). It can be ahead of `headPosition()`: on
   * PostgreSQL a reader only sees events older than every open transaction, while this is the true committed head.
   */
  readonly head: Position;
  /** Committed events strictly after the position, counted up to the limit. */
  readonly eventsAfter: number;
  /** False when counting stopped at the limit: there are at least `eventsAfter` events, maybe more. */
  readonly exact: boolean;
  /** When the oldest committed event after the position was recorded (the store's clock); null when none is. */
  readonly oldestRecordedAt: Date | null;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: delivery starts after it. Defaults to the start of the log. */
  readonly after?: Position;
  readonly maxBatchSize?: number;
  /** As in ReadAllOptions: a hint that may leave other events out; each batch's `position` says how far it read. */
  readonly eventTypes?: readonly string[];
  /** Ends the subscription (the iterator then returns). */
  readonly signal?: AbortSignal;
}

export interface SubscriptionBatch {
  /** May be empty: a subscription that reaches the head says so once, with or without events. */
  readonly events: readonly RecordedEvent[];
  /** True when the batch reached the head of the log as it was when read (the subscription is live). */
  readonly caughtUp: boolean;
  /**
   * How far the log has been read: the checkpoint to store after this batch. The last event's position, or past it
   * when the events after it were left out by `eventTypes`.
   */
  readonly position: Position;
}

/**
 * The event-store port, modelled on EventStoreDB: streams with revisions, one global log with positions,
 * catch-up subscriptions to the whole log. Every adapter passes the contract suite in `testing/`.
 */
export abstract class EventStore {
  /** Appends atomically to one stream, checking its expected revision. */
  abstract appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult>;

  /**
   * Appends atomically to several streams: all or nothing, each stream checked against its own expected
   * revision (EventStoreDB/KurrentDB 25.1+ `multiStreamAppend`). Used where one decision spans aggregates,
   * such as a union claiming the enterprises it covers.
   */
  abstract appendToStreams(appends: readonly StreamAppend[]): Promise<ReadonlyMap<string, AppendResult>>;

  /** Reads one stream; a stream that does not exist reads as empty. */
  abstract readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the whole log forwards in position order, in batches. */
  abstract readAll(options?: ReadAllOptions): Promise<ReadAllSlice>;

  /** The position of the newest event a reader can see now, or START for an empty log. */
  abstract headPosition(): Promise<Position>;

  /**
   * How far the committed log runs past `after`, counting events that a reader cannot see yet too (on PostgreSQL,
   * those committed behind a transaction that is still open). For lag figures: cheap enough to ask on every scrape.
   */
  abstract progressAfter(after: Position, options?: ProgressOptions): Promise<LogProgress>;

  /** Catches up from a checkpoint, then follows live appends, yielding batches. Resumable from any position it gave. */
  abstract subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<SubscriptionBatch>;
}
