import type { Decider, DomainEvent } from '#shared-kernel';
import type { AppendResult, EventStore, EventToAppend, JsonObject, RecordedEvent } from './event-store.port.js';
import { WrongExpectedRevisionError } from './errors.js';
import { exactly, NO_REVISION, NO_STREAM, type ExpectedRevision } from './expected-revision.js';

/** Who is acting and why, stamped on every event a command produces. */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  /** The id of this command; each event it causes names it as its cause. */
  readonly commandId: string;
  readonly now: Date;
  readonly newEventId: () => string;
}

export interface LoadedStream<State> {
  readonly state: State;
  /** NO_REVISION (-1) for a stream that does not exist yet. */
  readonly revision: bigint;
}

export function foldStream<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  recorded: readonly RecordedEvent[],
): LoadedStream<State> {
  const state = recorded.reduce((current, event) => decider.evolve(current, toDomainEvent<Event>(event)), decider.initialState());
  return { state, revision: recorded.length ? recorded[recorded.length - 1].revision : NO_REVISION };
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  streamName: string,
): Promise<LoadedStream<State>> {
  return foldStream(decider, await store.readStream(streamName));
}

export function expectedFrom(revision: bigint): ExpectedRevision {
  return revision === NO_REVISION ? NO_STREAM : exactly(revision);
}

/** Domain events as the store takes them; schema versions are 1 until an event's shape changes. */
export function toEventsToAppend(events: readonly DomainEvent[], context: CommandContext): EventToAppend[] {
  return events.map((event) => ({
    type: event.type,
    data: event.data as JsonObject,
    metadata: {
      eventId: context.newEventId(),
      occurredAt: context.now.toISOString(),
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.commandId,
      schemaVersion: 1,
    },
  }));
}

export function toDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as unknown as Event;
}

export interface CommandOutcome<Event extends DomainEvent> {
  readonly events: readonly Event[];
  /** The stream's revision after the command (unchanged when it decided nothing). */
  readonly revision: bigint;
  readonly append?: AppendResult;
}

export interface HandleCommandOptions {
  /** The revision the caller saw (HTTP If-Match). A stale one is reported, never retried. */
  readonly expectedRevision?: bigint;
  /** Without an expected revision, a lost race is retried on fresh state this many times. */
  readonly retries?: number;
}

/**
 * The one write path for single-stream commands: read the stream, fold it with `evolve`, `decide`, append with
 * the revision that was read. Another writer in between makes the append fail; the command is then decided
 * again on the new state, unless the caller pinned a revision.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamName: string,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome<Event>> {
  const retries = options.expectedRevision === undefined ? (options.retries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await loadStream(store, decider, streamName);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamName, exactly(options.expectedRevision), revision);
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, revision };
    try {
      const append = await store.appendToStream(streamName, expectedFrom(revision), toEventsToAppend(events, context));
      return { events, revision: append.nextExpectedRevision, append };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < retries) continue;
      throw error;
    }
  }
}

/** Builds a command's context from who asked (the request) and the injected clock and id generator. */
export function createCommandContext(
  requester: { readonly actor: string; readonly correlationId: string },
  clock: { now(): Date },
  ids: { newId(): string },
): CommandContext {
  return {
    actor: requester.actor,
    correlationId: requester.correlationId,
    commandId: ids.newId(),
    now: clock.now(),
    newEventId: () => ids.newId(),
  };
}
