import type { RecordedEvent } from '#event-store';
import type { Projection } from '#projections';
import type { EntityManager } from 'typeorm';

export class EmploymentProjection implements Projection {
  readonly name = 'employment';
  readonly eventTypes: readonly string[] = [];

  async apply(_recorded: RecordedEvent, _manager: EntityManager): Promise<void> {}
}
