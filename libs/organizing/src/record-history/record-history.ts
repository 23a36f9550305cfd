import { Controller, Get } from '@nestjs/common';
import { Allow, CASEWORK_READERS, CurrentActor, IdParam, type Actor } from '#http';
import { UnitDirectory } from '#identity';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventStore, historyEntryOf, type HistoryEntry } from '#event-store';
import { DomainError } from '#shared-kernel';
import { enterpriseStreamName, unionStreamName } from '../organizing.streams.js';

export class RecordHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly kind: 'enterprise' | 'union',
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The whole history of one record, straight from its stream: who did what, when. */
@QueryHandler(RecordHistoryQuery)
export class RecordHistoryHandler implements IQueryHandler<RecordHistoryQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ kind, id, actor }: RecordHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.store.readStream(kind === 'enterprise' ? enterpriseStreamName(id) : unionStreamName(id));
    // The first event of either stream names the record's unit; outside the caller's units it does not exist for them.
    const unitId = events[0]?.data.unitId;
    if (!(await this.units.isInScope(actor, typeof unitId === 'string' ? unitId : undefined))) {
      throw new DomainError(`ORGANIZING.${kind.toUpperCase()}_NOT_FOUND`, 'not_found', `No ${kind} ${id}`);
    }
    return events.map((event) => historyEntryOf(event));
  }
}

@ApiTags('history')
@Controller()
export class RecordHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('enterprises/:id/history')
  @Allow(...CASEWORK_READERS)
  @ApiOkResponse({ description: "Every event of the enterprise's stream, oldest first" })
  enterprise(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new RecordHistoryQuery('enterprise', id, actor));
  }

  @Get('unions/:id/history')
  @Allow(...CASEWORK_READERS)
  @ApiOkResponse({ description: "Every event of the union's stream, oldest first" })
  union(@IdParam() id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new RecordHistoryQuery('union', id, actor));
  }
}
