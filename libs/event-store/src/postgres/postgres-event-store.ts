import pg from 'pg';
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
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../errors.js';
import { type ExpectedRevision } from '../expected-revision.js';
import { comparePositions, START, type Position } from '../position.js';
import { APPENDED_CHANNEL, AppendNotifier } from './append-notifier.js';
import {
  APPEND_AT_REVISION_SQL,
  APPEND_ONE_AT_REVISION_SQL,
  APPEND_SQL,
  HEAD_POSITION_SQL,
  PROGRESS_SQL,
  READ_ALL_FILTERED_SQL,
  READ_ALL_SQL,
  READ_STREAM_BACKWARDS_SQL,
  READ_STREAM_FORWARDS_SQL,
  STREAM_HEAD_SQL,
} from './sql.js';

export interface PostgresEventStoreOptions {
  /** The pool appends and reads go through. The store does not end it. */
  readonly pool: pg.Pool;
  /** Connection settings for the one LISTEN connection that wakes subscriptions. */
  readonly listenConnection: pg.ClientConfig;
  /** How often a live subscription looks for new events when no notification came. */
  readonly pollIntervalMs?: number;
  readonly onBackgroundError?: (error: Error) => void;
}

interface EventRow {
  stream_name: string;
  revision_text: string;
  commit_text: string;
  prepare_text: string;
  event_type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recorded_at: Date;
}

interface AppendRow {
  stream_name: string;
  ok: boolean;
  head_revision: string;
  last_revision: string | null;
  last_global_position: string | null;
  transaction_id: string | null;
}

interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

/** Named, so each connection plans them once: planning the append statement costs more than running it. */
const STATEMENTS = {
  append: { name: 'unioncase_append', text: APPEND_SQL },
  appendAtRevision: { name: 'unioncase_append_at_revision', text: APPEND_AT_REVISION_SQL },
  appendOneAtRevision: { name: 'unioncase_append_one_at_revision', text: APPEND_ONE_AT_REVISION_SQL },
  streamHead: { name: 'unioncase_stream_head', text: STREAM_HEAD_SQL },
  readAll: { name: 'unioncase_read_all', text: READ_ALL_SQL },
  readAllFiltered: { name: 'unioncase_read_all_filtered', text: READ_ALL_FILTERED_SQL },
  headPosition: { name: 'unioncase_head_position', text: HEAD_POSITION_SQL },
  progress: { name: 'unioncase_progress', text: PROGRESS_SQL },
  readStreamForwards: { name: 'unioncase_read_stream_forwards', text: READ_STREAM_FORWARDS_SQL },
  readStreamBackwards: { name: 'unioncase_read_stream_backwards', text: READ_STREAM_BACKWARDS_SQL },
} satisfies Record<string, NamedStatement>;

const MAX_READ = 10_000;
/** Counting index entries is cheap: lag is exact up to this many events behind. */
const PROGRESS_COUNT_LIMIT = 100_000;
const ANY_REVISION_RETRIES = 5;
/** The least time between two NOTIFYs of one store while appends keep coming. */
const NOTIFY_SPACING_MS = 5;
const UNIQUE_VIOLATION = '23505';

export class PostgresEventStore extends EventStore {
  private readonly pool: pg.Pool;
  private readonly notifier: AppendNotifier;
  private announcing: Promise<void> | undefined;
  private announceAgain = false;
  private closed = false;
  private readonly pollIntervalMs: number;
  private readonly onBackgroundError: (error: Error) => void;

  constructor(options: PostgresEventStoreOptions) {
    super();
    this.pool = options.pool;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
    this.notifier = new AppendNotifier(options.listenConnection, this.onBackgroundError);
  }

  async appendToStream(
    streamName: string,
    expectedRevision: ExpectedRevision,
    events: readonly EventToAppend[],
  ): Promise<AppendResult> {
    const results = await this.appendToStreams([{ streamName, expectedRevision, events }]);
    return results.get(streamName)!;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<ReadonlyMap<string, AppendResult>> {
    validateAppends(appends);
    if (appends.length === 1 && appends[0].expectedRevision.kind !== 'any' && appends[0].expectedRevision.kind !== 'stream_exists') {
      return this.appendAtRevision(appends[0]);
    }
    const payload = JSON.stringify(
      appends.map((append, ord) => ({
        ord,
        stream_name: append.streamName,
        expected_kind: append.expectedRevision.kind,
        expected_revision: append.expectedRevision.kind === 'exact' ? Number(append.expectedRevision.revision) : null,
        events: append.events.map((event) => ({
          eventId: event.metadata.eventId,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
        })),
      })),
    );
    const retryOnRace = appends.every((append) => append.expectedRevision.kind === 'any');
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = retryOnRace ? await this.appendInTurn(appends, payload) : await this.query<AppendRow>(STATEMENTS.append, [payload]);
        const results = this.toAppendResults(appends, rows);
        this.announceAppend();
        return results;
      } catch (error) {
        // Writers that do not care about the revision just lost a race for the same slot: take the next one.
        if (retryOnRace && isRevisionRace(error) && attempt < ANY_REVISION_RETRIES) continue;
        throw this.mapAppendError(error, appends);
      }
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const rows = await this.query<EventRow>(backwards ? STATEMENTS.readStreamBackwards : STATEMENTS.readStreamForwards, [
      streamName,
      from.toString(),
      // A whole stream is read to decide a command, so no cap unless the caller asks for one.
      options.maxCount === undefined ? null : clampCount(options.maxCount, MAX_READ),
    ]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllSlice> {
    const after = options.after ?? START;
    const maxCount = clampCount(options.maxCount, 1000);
    const from = [after.commit.toString(), after.prepare.toString(), maxCount];
    const rows = options.eventTypes
      ? await this.query<EventRow & { wanted: boolean }>(STATEMENTS.readAllFiltered, [...from, options.eventTypes])
      : await this.query<EventRow>(STATEMENTS.readAll, from);
    const last = rows[rows.length - 1];
    return {
      events: options.eventTypes ? rows.filter((row) => (row as { wanted?: boolean }).wanted).map(toRecordedEvent) : rows.map(toRecordedEvent),
      lastPosition: last ? { commit: BigInt(last.commit_text), prepare: BigInt(last.prepare_text) } : after,
      isEnd: rows.length < maxCount,
    };
  }

  async headPosition(): Promise<Position> {
    const [row] = await this.query<{ commit_text: string; prepare_text: string }>(STATEMENTS.headPosition, []);
    return row ? { commit: BigInt(row.commit_text), prepare: BigInt(row.prepare_text) } : START;
  }

  async progressAfter(after: Position, options: ProgressOptions = {}): Promise<LogProgress> {
    const limit = Math.min(options.countLimit ?? PROGRESS_COUNT_LIMIT, PROGRESS_COUNT_LIMIT);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`countLimit must be a positive integer, got ${options.countLimit}`);
    // One more than the limit, to know whether the count stopped there.
    const [row] = await this.query<{ behind: number; oldest: Date | null; commit_text: string | null; prepare_text: string | null }>(
      STATEMENTS.progress,
      [after.commit.toString(), after.prepare.toString(), limit + 1],
    );
    return {
      head: row.commit_text === null ? START : { commit: BigInt(row.commit_text), prepare: BigInt(row.prepare_text!) },
      eventsAfter: Math.min(row.behind, limit),
      exact: row.behind <= limit,
      oldestRecordedAt: row.oldest,
    };
  }

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncGenerator<SubscriptionBatch> {
    const { signal } = options;
    const maxBatchSize = clampCount(options.maxBatchSize, 500);
    let after = options.after ?? START;
    let toldCaughtUp = false;
    await this.startNotifier();
    while (!signal?.aborted) {
      const seen = this.notifier.currentGeneration;
      const slice = await this.readAll({ after, maxCount: maxBatchSize, eventTypes: options.eventTypes });
      if (comparePositions(slice.lastPosition, after) > 0 || (slice.isEnd && !toldCaughtUp)) {
        // An empty batch still tells the subscriber it has reached the head (a full last batch cannot), or how
        // far it read past events it did not want.
        after = slice.lastPosition;
        toldCaughtUp = slice.isEnd;
        yield { events: slice.events, caughtUp: slice.isEnd, position: after };
      }
      if (slice.isEnd) await this.notifier.waitForAppend(seen, this.pollIntervalMs, signal);
    }
  }

  /** Stops the LISTEN connection; subscriptions end when their signal aborts. */
  async close(): Promise<void> {
    this.closed = true;
    await this.announcing;
    await this.notifier.stop();
  }

  /**
   * Tells readers that an append has committed: this process's at once, other processes' through NOTIFY in a
   * transaction of its own. Notifying inside the append would serialise every commit behind PostgreSQL's
   * notification lock (see migration 1763770000016). At most one NOTIFY is in flight per store; appends that
   * commit meanwhile are covered by one more after it, so a burst of appends costs two notifications.
   */
  private announceAppend(): void {
    this.notifier.wakeLocal();
    if (this.closed) return;
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = this.pool
      .query(`SELECT pg_notify('${APPENDED_CHANNEL}', '')`)
      .then(
        () => undefined,
        (error: Error) => this.onBackgroundError(error),
      )
      // Under a burst of appends, one NOTIFY per few milliseconds wakes other processes as well as one per append
      // would, without a transaction of its own beside every append.
      .then(() => (this.announceAgain && !this.closed ? new Promise<void>((resolve) => setTimeout(resolve, NOTIFY_SPACING_MS)) : undefined))
      .finally(() => {
        this.announcing = undefined;
        if (this.announceAgain) {
          this.announceAgain = false;
          this.announceAppend();
        }
      });
  }

  private async startNotifier(): Promise<void> {
    try {
      await this.notifier.start();
    } catch (error) {
      // Without notifications a subscription still works, by polling.
      this.onBackgroundError(error as Error);
    }
  }

  /**
   * Writers that take any revision queue for their streams (a transaction-scoped advisory lock, taken in name
   * order) instead of racing for the same next revision: twenty sign-ins failing at once on one access-log stream
   * once lost five races in a row. A writer expecting a revision still races them, and the retry covers that.
   */
  private async appendInTurn(appends: readonly StreamAppend[], payload: string): Promise<AppendRow[]> {
    const streams = [...new Set(appends.map((append) => append.streamName))].sort();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      if (isConnectionFailure(error)) throw new EventStoreUnavailableError('The event store database cannot be reached', { cause: error });
      throw error;
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended(stream, 0)) FROM unnest($1::text[]) AS stream`, [streams]);
      const { rows } = await client.query<AppendRow>({ ...STATEMENTS.append, values: [payload] });
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      broken = isConnectionFailure(error);
      await client.query('ROLLBACK').catch(() => undefined);
      if (broken) throw new EventStoreUnavailableError('The event store database cannot be reached', { cause: error });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async query<Row extends pg.QueryResultRow>(statement: NamedStatement, params: unknown[]): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>({ ...statement, values: params })).rows;
    } catch (error) {
      if (isConnectionFailure(error)) {
        throw new EventStoreUnavailableError('The event store database cannot be reached', { cause: error });
      }
      throw error;
    }
  }

  private async appendAtRevision(append: StreamAppend): Promise<Map<string, AppendResult>> {
    const expected = append.expectedRevision;
    const first = expected.kind === 'exact' ? expected.revision + 1n : 0n;
    const [only] = append.events;
    let rows: { revision_text: string; prepare_text: string; commit_text: string }[];
    try {
      rows =
        append.events.length === 1
          ? await this.query(STATEMENTS.appendOneAtRevision, [
              append.streamName,
              first.toString(),
              only.metadata.eventId,
              only.type,
              JSON.stringify(only.data),
              JSON.stringify(only.metadata),
            ])
          : await this.query(STATEMENTS.appendAtRevision, [
              append.streamName,
              first.toString(),
              JSON.stringify(append.events.map((event) => ({ eventId: event.metadata.eventId, type: event.type, data: event.data, metadata: event.metadata }))),
            ]);
    } catch (error) {
      const mapped = this.mapAppendError(error, [append]);
      // The stream has moved past the expected revision: say where it is now, as the general append does.
      if (mapped instanceof WrongExpectedRevisionError) throw await this.wrongRevision(append);
      throw mapped;
    }
    // The stream has not reached the expected revision.
    if (rows.length === 0) throw await this.wrongRevision(append);
    let last = rows[0];
    for (const row of rows) if (BigInt(row.prepare_text) > BigInt(last.prepare_text)) last = row;
    this.announceAppend();
    return new Map([
      [append.streamName, { nextExpectedRevision: BigInt(last.revision_text), position: { commit: BigInt(last.commit_text), prepare: BigInt(last.prepare_text) } }],
    ]);
  }

  private async wrongRevision(append: StreamAppend): Promise<WrongExpectedRevisionError> {
    const [head] = await this.query<{ head_revision: string }>(STATEMENTS.streamHead, [append.streamName]);
    return new WrongExpectedRevisionError(append.streamName, append.expectedRevision, BigInt(head.head_revision));
  }

  private toAppendResults(appends: readonly StreamAppend[], rows: AppendRow[]): Map<string, AppendResult> {
    const refused = rows.find((row) => !row.ok);
    if (refused) {
      const append = appends.find((a) => a.streamName === refused.stream_name)!;
      throw new WrongExpectedRevisionError(refused.stream_name, append.expectedRevision, BigInt(refused.head_revision));
    }
    return new Map(
      rows.map((row) => [
        row.stream_name,
        {
          nextExpectedRevision: BigInt(row.last_revision!),
          position: { commit: BigInt(row.transaction_id!), prepare: BigInt(row.last_global_position!) },
        },
      ]),
    );
  }

  private mapAppendError(error: unknown, appends: readonly StreamAppend[]): unknown {
    if (!isUniqueViolation(error)) return error;
    if (error.constraint === 'events_event_id_key') {
      return new DuplicateEventIdError(appends.flatMap((a) => a.events.map((e) => e.metadata.eventId)));
    }
    const lost = appends.find((a) => error.detail?.includes(`(${a.streamName},`)) ?? appends[0];
    return new WrongExpectedRevisionError(lost.streamName, lost.expectedRevision, undefined);
  }
}

function validateAppends(appends: readonly StreamAppend[]): void {
  if (appends.length === 0) throw new InvalidAppendError('Nothing to append');
  const names = new Set<string>();
  for (const append of appends) {
    if (!append.streamName) throw new InvalidAppendError('A stream name is required');
    if (names.has(append.streamName)) throw new InvalidAppendError(`Stream ${append.streamName} appears twice in one append`);
    names.add(append.streamName);
    if (append.events.length === 0) throw new InvalidAppendError(`No events for stream ${append.streamName}`);
    if (append.expectedRevision.kind === 'exact' && append.expectedRevision.revision < 0n) {
      throw new InvalidAppendError(`Expected revision of ${append.streamName} is negative`);
    }
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: BigInt(row.revision_text),
    position: { commit: BigInt(row.commit_text), prepare: BigInt(row.prepare_text) },
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function clampCount(count: number | undefined, fallback: number): number {
  if (count === undefined) return Math.min(fallback, MAX_READ);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`maxCount must be a positive integer, got ${count}`);
  return Math.min(count, MAX_READ);
}

function isUniqueViolation(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION;
}

function isRevisionRace(error: unknown): boolean {
  return isUniqueViolation(error) && error.constraint === 'events_stream_revision_key';
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === '57P01' || // admin shutdown
    code === '57P03' || // cannot connect now
    (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message))
  );
}
