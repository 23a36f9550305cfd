import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CASEWORK_READERS, CurrentActor, type Actor } from '#http';
import { OrganizingFiguresQuery, OrganizingFiguresQueryDto } from './organizing-figures.js';

@ApiTags('figures')
@Controller('figures')
export class OrganizingFiguresController {
  constructor(private readonly queries: QueryBus) {}

  @Get('organizing')
  @Allow(...CASEWORK_READERS)
  figures(@Query() filter: OrganizingFiguresQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new OrganizingFiguresQuery(filter, actor));
  }
}
