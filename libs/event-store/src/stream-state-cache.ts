import type { Decider, DomainEvent } from '#shared-kernel';
import { toDomainEvent, type LoadedStream } from './command-handling.js';
import type { EventStore } from './event-store.port.js';
import { NO_REVISION } from './expected-revision.js';

type Evolution<State, Event extends DomainEvent> = Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>;

/**
 * Folded states of long-lived streams (a fund's), kept between commands: a load reads only the events after the
 * revision it holds. Streams only grow, so the state at revision R plus the events after R is the whole fold,
 * whoever appended them; a state that turns out stale fails its append on the revision and is read on from there.
 * `evolve` must not change the state it is given (deciders here return new objects). Least recently used streams
 * are forgotten past `capacity`.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, { evolution: object; loaded: LoadedStream<unknown> }>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 1000,
  ) {}

  async load<State, Event extends DomainEvent>(evolution: Evolution<State, Event>, streamName: string): Promise<LoadedStream<State>> {
    const cached = this.entries.get(streamName);
    const base: LoadedStream<State> =
      cached && cached.evolution === evolution ? (cached.loaded as LoadedStream<State>) : { state: evolution.initialState(), revision: NO_REVISION };
    const recorded = await this.store.readStream(streamName, { fromRevision: base.revision + 1n });
    const loaded: LoadedStream<State> = recorded.length
      ? {
          state: recorded.reduce((state, event) => evolution.evolve(state, toDomainEvent<Event>(event)), base.state),
          revision: recorded[recorded.length - 1].revision,
        }
      : base;
    this.entries.delete(streamName);
    if (loaded.revision !== NO_REVISION) this.entries.set(streamName, { evolution, loaded });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return loaded;
  }
}
