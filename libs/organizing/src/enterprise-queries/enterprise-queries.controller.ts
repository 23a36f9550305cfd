import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { etagFor } from '#http';
import { GetEnterpriseQuery, ListEnterprisesQuery, ListEnterprisesQueryDto } from './enterprise-queries.js';

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterpriseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@Query() filter: ListEnterprisesQueryDto) {
    return this.queries.execute(new ListEnterprisesQuery(filter));
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response) {
    const enterprise = await this.queries.execute(new GetEnterpriseQuery(id));
    response.setHeader('ETag', etagFor(enterprise.revision));
    return enterprise;
  }
}
