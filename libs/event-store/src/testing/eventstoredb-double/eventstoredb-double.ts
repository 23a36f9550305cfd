/**
 * An in-memory stand-in for a single EventStoreDB/KurrentDB node, speaking the real gRPC protocol.
 *
 * It serves, with the client package's own generated service definitions, only what the adapter uses:
 *   - event_store.client.server_features.ServerFeatures/GetSupportedMethods (the client probes it),
 *   - event_store.client.streams.Streams/Read    (stream reads, $all reads, $all subscriptions),
 *   - event_store.client.streams.Streams/Append  (single-stream append with an expected revision),
 *   - kurrentdb.protocol.v2.streams.StreamsService/AppendSession (KurrentDB 25.1+ multi-stream append).
 * It does not advertise BatchAppend, so the client falls back to Append, as it does with a server that lacks it.
 *
 * It answers the way the server does, not the way our port would like:
 *   - event ids are not unique across the log: the server only makes a retried append idempotent, i.e. the
 *     same ids sent again to the same stream at the same expected revision succeed without writing again;
 *   - a wrong expected revision on Append is a WrongExpectedVersion response (not a gRPC error); on
 *     AppendSession it is FAILED_PRECONDITION with StreamRevisionConflictErrorDetails in the status details;
 *   - reading a missing stream answers StreamNotFound; reading $all forwards from a position includes the
 *     event at that position, backwards excludes it; a subscription from a position starts after it and
 *     sends CaughtUp once it has sent everything up to the head, then follows live appends.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type * as grpcTypes from '@grpc/grpc-js';
import type * as StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import type * as SharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import type * as V2StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb.js';

// The generated modules are CommonJS built by google-protobuf; require them so ESM and Jest see the same objects.
const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js') as typeof grpcTypes;
const GENERATED = '@kurrent/kurrentdb-client/generated/kurrentdb/protocols';
const streamsPb = require(`${GENERATED}/v1/streams_pb.js`) as typeof StreamsPb;
const sharedPb = require(`${GENERATED}/v1/shared_pb.js`) as typeof SharedPb;
const v2StreamsPb = require(`${GENERATED}/v2/streams/streams_pb.js`) as typeof V2StreamsPb;
const { StreamsService } = require(`${GENERATED}/v1/streams_grpc_pb.js`);
const { ServerFeaturesService } = require(`${GENERATED}/v1/serverfeatures_grpc_pb.js`);
const { SupportedMethods, SupportedMethod } = require(`${GENERATED}/v1/serverfeatures_pb.js`);
const { StreamsServiceService } = require(`${GENERATED}/v2/streams/streams_grpc_pb.js`);
const { StreamRevisionConflictErrorDetails } = require(`${GENERATED}/v2/streams/errors_pb.js`);
const { Status } = require(`${GENERATED}/v1/status_pb.js`);
const { Any } = require('google-protobuf/google/protobuf/any_pb.js');
const { Timestamp } = require('google-protobuf/google/protobuf/timestamp_pb.js');

const { ReadReq, ReadResp, AppendReq, AppendResp } = streamsPb;
const TICKS_PER_MS = 10_000n;
/** Expected-revision sentinels of the v2 protocol (as the client sends them). */
const V2_NO_STREAM = -1n;
const V2_ANY = -2n;
const V2_STREAM_EXISTS = -4n;

interface StoredEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  /** commit == prepare, as a single node reports for its writes. */
  readonly position: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  readonly createdTicks: bigint;
}

interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

type Expected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'exact'; revision: bigint };

interface StreamWrite {
  readonly streamName: string;
  readonly expected: Expected;
  readonly events: readonly ProposedEvent[];
}

type WriteOutcome =
  | { ok: true; results: { streamName: string; revision: bigint; position: bigint }[]; position: bigint }
  | { ok: false; streamName: string; expected: Expected; current: bigint | undefined };

interface Filter {
  matches(event: StoredEvent): boolean;
}

export interface EventStoreDbDoubleOptions {
  /** The version reported by ServerFeatures; 25.1+ carries multi-stream append. */
  readonly serverVersion?: string;
  /** Leave AppendSession out, as a server older than 25.1 would. */
  readonly withoutMultiStreamAppend?: boolean;
}

export class EventStoreDbDouble {
  private readonly server = new grpc.Server();
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly liveListeners = new Set<() => void>();
  private nextPosition = 128n;
  private port = 0;

  constructor(private readonly options: EventStoreDbDoubleOptions = {}) {}

  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  async start(): Promise<string> {
    this.server.addService(ServerFeaturesService, { getSupportedMethods: this.getSupportedMethods });
    this.server.addService(StreamsService, {
      read: this.read,
      append: this.append,
      delete: unimplemented,
      tombstone: unimplemented,
      batchAppend: unimplemented,
    });
    if (!this.options.withoutMultiStreamAppend) {
      const v2: Record<string, unknown> = {};
      for (const name of Object.keys(StreamsServiceService)) {
        const method = StreamsServiceService[name] as { originalName?: string };
        v2[method.originalName ?? name] = unimplemented;
        v2[name] = unimplemented;
      }
      v2.appendSession = this.appendSession;
      this.server.addService(StreamsServiceService, v2 as grpcTypes.UntypedServiceImplementation);
    }
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return this.connectionString;
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  /** How many events the double holds (for tests that check nothing was written). */
  get eventCount(): number {
    return this.log.length;
  }

  // ---- ServerFeatures ----

  private readonly getSupportedMethods = (
    _call: grpcTypes.ServerUnaryCall<unknown, unknown>,
    callback: grpcTypes.sendUnaryData<unknown>,
  ): void => {
    const methods = new SupportedMethods();
    methods.setEventStoreServerVersion(this.options.serverVersion ?? '25.1.0');
    const supported: [string, string][] = [
      ['event_store.client.streams.Streams', 'Read'],
      ['event_store.client.streams.Streams', 'Append'],
    ];
    if (!this.options.withoutMultiStreamAppend) supported.push(['kurrentdb.protocol.v2.streams.StreamsService', 'AppendSession']);
    methods.setMethodsList(
      supported.map(([service, method]) => {
        const entry = new SupportedMethod();
        entry.setServiceName(service);
        entry.setMethodName(method);
        return entry;
      }),
    );
    callback(null, methods);
  };

  // ---- Append (v1, one stream) ----

  private readonly append = (
    call: grpcTypes.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
    callback: grpcTypes.sendUnaryData<StreamsPb.AppendResp>,
  ): void => {
    let options: StreamsPb.AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: StreamsPb.AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      if (request.hasProposedMessage()) {
        const message = request.getProposedMessage()!;
        const metadata = message.getMetadataMap();
        events.push({
          id: uuidToString(message.getId()),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          customMetadata: message.getCustomMetadata_asU8(),
        });
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'Append without options' });
      const streamName = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const expected: Expected = options.hasRevision()
        ? { kind: 'exact', revision: BigInt(options.getRevision()) }
        : options.hasNoStream()
          ? { kind: 'no_stream' }
          : options.hasStreamExists()
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
      const outcome = this.write([{ streamName, expected, events }]);
      const response = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success();
        const [result] = outcome.results;
        if (result.revision < 0n) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(result.revision.toString());
        const position = new AppendResp.Position();
        position.setCommitPosition(result.position.toString());
        position.setPreparePosition(result.position.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        switch (outcome.expected.kind) {
          case 'exact':
            wrong.setExpectedRevision(outcome.expected.revision.toString());
            break;
          case 'no_stream':
            wrong.setExpectedNoStream(new sharedPb.Empty());
            break;
          case 'stream_exists':
            wrong.setExpectedStreamExists(new sharedPb.Empty());
            break;
          case 'any':
            wrong.setExpectedAny(new sharedPb.Empty());
            break;
        }
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };

  // ---- AppendSession (v2, several streams in one transaction) ----

  private readonly appendSession = (
    call: grpcTypes.ServerReadableStream<V2StreamsPb.AppendRequest, V2StreamsPb.AppendSessionResponse>,
    callback: grpcTypes.sendUnaryData<V2StreamsPb.AppendSessionResponse>,
  ): void => {
    const writes: StreamWrite[] = [];
    call.on('data', (request: V2StreamsPb.AppendRequest) => {
      const raw = request.hasExpectedRevision() ? BigInt(request.getExpectedRevision()!) : V2_ANY;
      const expected: Expected =
        raw === V2_NO_STREAM
          ? { kind: 'no_stream' }
          : raw === V2_ANY
            ? { kind: 'any' }
            : raw === V2_STREAM_EXISTS
              ? { kind: 'stream_exists' }
              : { kind: 'exact', revision: raw };
      writes.push({
        streamName: request.getStream(),
        expected,
        events: request.getRecordsList().map((record) => {
          const properties: Record<string, unknown> = {};
          record.getPropertiesMap().forEach((value, key) => (properties[key] = value.toJavaScript()));
          const format = record.getSchema()?.getFormat();
          return {
            id: record.getRecordId() ?? randomUUID(),
            type: record.getSchema()?.getName() ?? '',
            contentType: format === v2StreamsPb.SchemaFormat.SCHEMA_FORMAT_JSON ? 'application/json' : 'application/octet-stream',
            data: record.getData_asU8(),
            // The server keeps a record's properties as the event's JSON metadata.
            customMetadata: Buffer.from(JSON.stringify(properties), 'utf8'),
          };
        }),
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (writes.length === 0) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'Append session without requests' });
      const outcome = this.write(writes);
      if (!outcome.ok) {
        const details = new StreamRevisionConflictErrorDetails();
        details.setStream(outcome.streamName);
        details.setExpectedRevision(v2Expected(outcome.expected));
        details.setActualRevision((outcome.current ?? -1n).toString());
        const any = new Any();
        any.pack(details.serializeBinary(), 'kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails');
        const status = new Status();
        status.setCode(grpc.status.FAILED_PRECONDITION);
        status.setMessage(`Append failed due to a revision conflict on stream '${outcome.streamName}'.`);
        status.setDetails(any);
        const metadata = new grpc.Metadata();
        metadata.set('grpc-status-details-bin', Buffer.from(status.serializeBinary()));
        return callback({ code: grpc.status.FAILED_PRECONDITION, details: status.getMessage(), metadata });
      }
      const response = new v2StreamsPb.AppendSessionResponse();
      response.setOutputList(
        outcome.results.map((result) => {
          const output = new v2StreamsPb.AppendResponse();
          output.setStream(result.streamName);
          output.setStreamRevision(result.revision.toString());
          output.setPosition(result.position.toString());
          return output;
        }),
      );
      response.setPosition(outcome.position.toString());
      callback(null, response);
    });
  };

  /** Checks every stream's expected revision, then writes all or nothing (the node's single writer). */
  private write(writes: readonly StreamWrite[]): WriteOutcome {
    const planned: { write: StreamWrite; events: readonly ProposedEvent[]; idempotent?: bigint }[] = [];
    for (const write of writes) {
      const existing = this.streams.get(write.streamName) ?? [];
      const current = existing.length ? BigInt(existing.length - 1) : undefined;
      const replay = this.idempotentReplay(existing, write);
      if (replay !== undefined) {
        planned.push({ write, events: [], idempotent: replay });
        continue;
      }
      const expected = write.expected;
      const matches =
        expected.kind === 'any' ||
        (expected.kind === 'no_stream' && current === undefined) ||
        (expected.kind === 'stream_exists' && current !== undefined) ||
        (expected.kind === 'exact' && current === expected.revision);
      if (!matches) return { ok: false, streamName: write.streamName, expected, current };
      planned.push({ write, events: write.events });
    }
    // `created` travels as .NET ticks (100 ns) since the Unix epoch.
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const results: { streamName: string; revision: bigint; position: bigint }[] = [];
    let lastPosition = this.nextPosition;
    for (const { write, events, idempotent } of planned) {
      const stream = this.streams.get(write.streamName) ?? [];
      if (idempotent !== undefined) {
        results.push({ streamName: write.streamName, revision: idempotent, position: stream[Number(idempotent)].position });
        continue;
      }
      for (const event of events) {
        const stored: StoredEvent = {
          ...event,
          streamName: write.streamName,
          revision: BigInt(stream.length),
          position: this.nextPosition,
          createdTicks: created,
        };
        this.nextPosition += 64n + BigInt(event.data.length + event.customMetadata.length);
        stream.push(stored);
        this.log.push(stored);
        lastPosition = stored.position;
      }
      this.streams.set(write.streamName, stream);
      const last = stream[stream.length - 1];
      results.push({ streamName: write.streamName, revision: last ? last.revision : -1n, position: last ? last.position : lastPosition });
    }
    for (const listener of this.liveListeners) listener();
    return { ok: true, results, position: lastPosition };
  }

  /**
   * The server's idempotency: an append whose event ids are exactly the events already written at the revisions
   * it would write (for `any`, wherever the first id sits in the stream) succeeds again without writing.
   * Returns the revision of the last of those events, or undefined when the append is not a replay.
   */
  private idempotentReplay(existing: readonly StoredEvent[], write: StreamWrite): bigint | undefined {
    if (write.events.length === 0 || existing.length === 0) return undefined;
    let first: number;
    switch (write.expected.kind) {
      case 'no_stream':
        first = 0;
        break;
      case 'exact':
        first = Number(write.expected.revision) + 1;
        break;
      default:
        first = existing.findIndex((event) => event.id === write.events[0].id);
    }
    if (first < 0 || first + write.events.length > existing.length) return undefined;
    const same = write.events.every((event, i) => existing[first + i].id === event.id);
    return same ? BigInt(first + write.events.length - 1) : undefined;
  }

  // ---- Read (streams, $all, subscriptions) ----

  private readonly read = (call: grpcTypes.ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>): void => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'Read without options' });
      return;
    }
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    const filter = toFilter(options);
    const send = (event: StoredEvent) => call.write(toReadResp(event, structuredIds));
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;

    if (options.hasStream()) {
      const streamOptions = options.getStream()!;
      const name = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const stream = this.streams.get(name);
      if (!stream) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
        const response = new ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        call.end();
        return;
      }
      if (options.hasSubscription()) {
        call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'The double does not serve stream subscriptions' });
        return;
      }
      let selected: StoredEvent[];
      if (backwards) {
        const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : stream.length - 1;
        selected = stream.slice(0, Math.min(from, stream.length - 1) + 1).reverse();
      } else {
        const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasEnd() ? stream.length : 0;
        selected = stream.slice(from);
      }
      for (const event of selected.slice(0, count)) send(event);
      call.end();
      return;
    }

    const allOptions = options.getAll()!;
    const from = allOptions.hasPosition()
      ? BigInt(allOptions.getPosition()!.getCommitPosition())
      : allOptions.hasEnd()
        ? undefined
        : -1n;

    if (!options.hasSubscription()) {
      let selected: StoredEvent[];
      if (backwards) {
        // Backwards from a position excludes it; from the end takes everything; from the start nothing.
        selected = allOptions.hasStart() ? [] : this.log.filter((e) => from === undefined || e.position < from).reverse();
      } else {
        // Forwards from a position includes an event at exactly that position.
        selected = from === undefined ? [] : this.log.filter((e) => e.position >= from);
      }
      let sent = 0;
      for (const event of selected) {
        if (sent >= count) break;
        if (!filter.matches(event)) continue;
        send(event);
        sent++;
      }
      call.end();
      return;
    }

    // A catch-up subscription to $all: confirm, send history after the checkpoint, say CaughtUp, then go live.
    const confirmation = new ReadResp();
    const confirmed = new ReadResp.SubscriptionConfirmation();
    confirmed.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirmed);
    call.write(confirmation);
    let index = from === undefined ? this.log.length : this.log.findIndex((e) => e.position > from);
    if (index < 0) index = this.log.length;
    let caughtUp = false;
    const pump = () => {
      if (call.cancelled || call.destroyed) return;
      while (index < this.log.length) {
        const event = this.log[index++];
        if (filter.matches(event)) send(event);
      }
      if (!caughtUp) {
        caughtUp = true;
        const response = new ReadResp();
        const message = new ReadResp.CaughtUp();
        const now = Date.now();
        const timestamp = new Timestamp();
        timestamp.setSeconds(Math.floor(now / 1000));
        timestamp.setNanos((now % 1000) * 1_000_000);
        message.setTimestamp(timestamp);
        const position = new ReadResp.Position();
        const head = this.log.length ? this.log[this.log.length - 1].position : 0n;
        position.setCommitPosition(head.toString());
        position.setPreparePosition(head.toString());
        message.setPosition(position);
        response.setCaughtUp(message);
        call.write(response);
      }
    };
    this.liveListeners.add(pump);
    const stop = () => this.liveListeners.delete(pump);
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
    pump();
  };
}

function unimplemented(_call: unknown, callback?: grpcTypes.sendUnaryData<unknown>): void {
  const error = { code: grpc.status.UNIMPLEMENTED, details: 'Not served by the EventStoreDB double' };
  if (typeof callback === 'function') callback(error);
  else (_call as { emit(event: string, error: unknown): void }).emit('error', error);
}

function v2Expected(expected: Expected): string {
  switch (expected.kind) {
    case 'no_stream':
      return V2_NO_STREAM.toString();
    case 'any':
      return V2_ANY.toString();
    case 'stream_exists':
      return V2_STREAM_EXISTS.toString();
    case 'exact':
      return expected.revision.toString();
  }
}

function uuidToString(uuid: SharedPb.UUID | undefined): string {
  if (!uuid) return randomUUID();
  if (!uuid.hasStructured()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const hex = (value: string) => (BigInt(value) & ((1n << 64n) - 1n)).toString(16).padStart(16, '0');
  const ms = hex(structured.getMostSignificantBits());
  const ls = hex(structured.getLeastSignificantBits());
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-${ms.slice(12)}-${ls.slice(0, 4)}-${ls.slice(4)}`;
}

function toUuid(id: string, structured: boolean): SharedPb.UUID {
  const uuid = new sharedPb.UUID();
  if (!structured) {
    uuid.setString(id);
    return uuid;
  }
  const hex = id.replace(/-/g, '');
  const signed = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  const bits = new sharedPb.UUID.Structured();
  bits.setMostSignificantBits(signed(hex.slice(0, 16)));
  bits.setLeastSignificantBits(signed(hex.slice(16)));
  uuid.setStructured(bits);
  return uuid;
}

function toReadResp(event: StoredEvent, structuredIds: boolean): StreamsPb.ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(toUuid(event.id, structuredIds));
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.streamName, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', event.createdTicks.toString());
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(event.position.toString());
  const response = new ReadResp();
  response.setEvent(readEvent);
  return response;
}

/** The server's $all filters: a regex or prefixes, on the event type or the stream name. */
function toFilter(options: StreamsPb.ReadReq.Options): Filter {
  if (!options.hasFilter()) return { matches: () => true };
  const filterOptions = options.getFilter()!;
  const onType = filterOptions.hasEventType();
  const expression = onType ? filterOptions.getEventType()! : filterOptions.getStreamIdentifier()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return {
    matches(event) {
      const subject = onType ? event.type : event.streamName;
      if (regex && !regex.test(subject)) return false;
      if (prefixes.length && !prefixes.some((prefix) => subject.startsWith(prefix))) return false;
      return true;
    },
  };
}
