import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '#http';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '#audit-trail';
import { EventStore, formatPosition, type Position } from '#event-store';
import type { EventStoreConfig } from '../config.js';
import { EVENT_STORE_KIND } from '../infrastructure/event-store.module.js';
import { ProjectorService } from '../projector/projector.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly projector: ProjectorService,
    private readonly auditTrail: AuditTrail,
    @Inject(EVENT_STORE_KIND) private readonly eventStoreKind: EventStoreConfig['kind'],
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'The database and the event store answer; each projection reports its checkpoint, the committed head, and how far behind it is (positionsBehind, eventsBehind, millisecondsBehind), the audit chain its eventsBehind',
  })
  @ApiServiceUnavailableResponse({ description: 'The database or the event store does not answer' })
  async health(@Res({ passthrough: true }) response: Response) {
    // Asked separately: with EventStoreDB the log and the read models live on different servers.
    const [database, head] = await Promise.allSettled([this.dataSource.query('SELECT 1'), this.store.headPosition()]);
    const eventStore =
      head.status === 'fulfilled'
        ? { kind: this.eventStoreKind, status: 'up', headPosition: formatPosition(head.value as Position) }
        : { kind: this.eventStoreKind, status: 'down' };
    if (database.status === 'rejected' || head.status === 'rejected') {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', database: { status: database.status === 'fulfilled' ? 'up' : 'down' }, eventStore };
    }
    try {
      const [projections, auditChain] = await Promise.all([this.projector.lag(), this.auditTrail.lag()]);
      const sealing = (auditChain.running || !this.auditTrail.sealerEnabled) && !auditChain.lastError;
      return {
        // With the projector off here, another process runs the projections: their lag tells how they do.
        status: projections.every((p) => (p.running || !this.projector.runsHere) && !p.lastError) && sealing ? 'ok' : 'degraded',
        database: { status: 'up' },
        eventStore,
        projections,
        auditChain,
      };
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', database: { status: 'up' }, eventStore };
    }
  }
}
