import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { Public } from '#http';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { EventStore, formatPosition } from '#event-store';
import { ProjectorService } from '../projector/projector.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EventStore,
    private readonly projector: ProjectorService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The database answers; projections report how far behind the log they are' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async health(@Res({ passthrough: true }) response: Response) {
    try {
      await this.dataSource.query('SELECT 1');
      const [head, projections] = await Promise.all([this.store.headPosition(), this.projector.lag()]);
      return {
        status: projections.every((p) => p.running && !p.lastError) ? 'ok' : 'degraded',
        database: { status: 'up' },
        eventStore: { headPosition: formatPosition(head) },
        projections,
      };
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', database: { status: 'down' } };
    }
  }
}
