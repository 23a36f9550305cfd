import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { etagFor } from '#http';
import { GetUnionQuery, ListUnionsQuery, ListUnionsQueryDto } from './union-queries.js';

@ApiTags('unions')
@Controller('unions')
export class UnionQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@Query() filter: ListUnionsQueryDto) {
    return this.queries.execute(new ListUnionsQuery(filter));
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response) {
    const union = await this.queries.execute(new GetUnionQuery(id));
    response.setHeader('ETag', etagFor(union.revision));
    return union;
  }
}
