import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CASEWORK_READERS, CurrentActor, type Actor } from '#http';
import { EmploymentFiguresQuery, EmploymentFiguresQueryDto } from './employment-figures.js';

@ApiTags('figures')
@Controller('figures')
export class EmploymentFiguresController {
  constructor(private readonly queries: QueryBus) {}

  @Get('employment')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '就业援助统计 / Re-employment figures for a unit and period: registered, trained, fairs, referrals, rehired by channel' })
  figures(@Query() filter: EmploymentFiguresQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new EmploymentFiguresQuery(filter, actor));
  }
}
