import type { RecordedEvent } from '#event-store';
import type { Projection } from '#projections';
import type { EntityManager } from 'typeorm';

export class CaseworkProjection implements Projection {
  readonly name = 'casework';
  readonly eventTypes: readonly string[] = [];

  async apply(_recorded: RecordedEvent, _manager: EntityManager): Promise<void> {}
}
