import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventStore, formatPosition } from '#event-store';
import { DomainError } from '#shared-kernel';
import { enterpriseStreamName, unionStreamName } from '../organizing.streams.js';

export interface HistoryEntry {
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  correlationId: string;
  data: object;
}

export class RecordHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly kind: 'enterprise' | 'union',
    readonly id: string,
  ) {
    super();
  }
}

/** The whole history of one record, straight from its stream: who did what, when. */
@QueryHandler(RecordHistoryQuery)
export class RecordHistoryHandler implements IQueryHandler<RecordHistoryQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ kind, id }: RecordHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.store.readStream(kind === 'enterprise' ? enterpriseStreamName(id) : unionStreamName(id));
    if (events.length === 0) {
      throw new DomainError(`ORGANIZING.${kind.toUpperCase()}_NOT_FOUND`, 'not_found', `No ${kind} ${id}`);
    }
    return events.map((event) => ({
      type: event.type,
      revision: Number(event.revision),
      position: formatPosition(event.position),
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.recordedAt.toISOString(),
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      data: event.data,
    }));
  }
}

@ApiTags('history')
@Controller()
export class RecordHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('enterprises/:id/history')
  @ApiOkResponse({ description: "Every event of the enterprise's stream, oldest first" })
  enterprise(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.queries.execute(new RecordHistoryQuery('enterprise', id));
  }

  @Get('unions/:id/history')
  @ApiOkResponse({ description: "Every event of the union's stream, oldest first" })
  union(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.queries.execute(new RecordHistoryQuery('union', id));
  }
}
