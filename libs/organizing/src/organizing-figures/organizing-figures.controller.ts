import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { OrganizingFiguresQuery, OrganizingFiguresQueryDto } from './organizing-figures.js';

@ApiTags('figures')
@Controller('figures')
export class OrganizingFiguresController {
  constructor(private readonly queries: QueryBus) {}

  @Get('organizing')
  figures(@Query() filter: OrganizingFiguresQueryDto) {
    return this.queries.execute(new OrganizingFiguresQuery(filter));
  }
}
