import type { RecordedEvent } from '#event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model fed from the log. `apply` runs inside the projector's transaction, which also moves the
 * projection's checkpoint, so an event is applied exactly once however often the process restarts.
 */
export interface Projection {
  readonly name: string;
  readonly eventTypes: readonly string[];
  apply(event: RecordedEvent, manager: EntityManager): Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');
