import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK_READERS, CurrentActor, etagFor, IdParam, type Actor } from '#http';
import { GetUnionQuery, ListUnionsQuery, ListUnionsQueryDto } from './union-queries.js';

@ApiTags('unions')
@Controller('unions')
export class UnionQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...CASEWORK_READERS)
  list(@Query() filter: ListUnionsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListUnionsQuery(filter, actor));
  }

  @Get(':id')
  @Allow(...CASEWORK_READERS)
  async get(@IdParam() id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const union = await this.queries.execute(new GetUnionQuery(id, actor));
    response.setHeader('ETag', etagFor(union.revision));
    return union;
  }
}
