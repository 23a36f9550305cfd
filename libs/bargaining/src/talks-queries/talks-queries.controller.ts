import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, type Actor } from '#http';
import { GetWageTalksQuery, ListOverdueQuery, ListOverdueQueryDto, ListWageTalksQuery, ListWageTalksQueryDto } from './talks-queries.js';

@ApiTags('wage-talks')
@Controller('wage-talks')
export class TalksQueriesController {
  constructor(private readonly queries: QueryBus) {}

  /** 协商台账: talks in the caller's units, with today's status and what is due next. */
  @Get()
  @Allow(...CASEWORK_READERS)
  list(@Query() filter: ListWageTalksQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListWageTalksQuery(filter, actor));
  }

  /** Overdue items: unanswered offers, late filings, renewals not requested before expiry. Declared before `:id`. */
  @Get('overdue')
  @Allow(...CASEWORK_READERS)
  overdue(@Query() filter: ListOverdueQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListOverdueQuery(filter, actor));
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const talks = await this.queries.execute(new GetWageTalksQuery(id, actor));
    response.setHeader('ETag', etagFor(talks.revision));
    return talks;
  }
}
