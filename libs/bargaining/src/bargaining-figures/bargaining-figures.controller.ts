import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CASEWORK_READERS, CurrentActor, type Actor } from '#http';
import { BargainingFiguresQuery, BargainingFiguresQueryDto } from './bargaining-figures.js';

@ApiTags('figures')
@Controller('figures')
export class BargainingFiguresController {
  constructor(private readonly queries: QueryBus) {}

  /** 工资集体协商覆盖情况: enterprises and employees covered by effective agreements, by scope, and the rate among unionized enterprises. */
  @Get('bargaining')
  @Allow(...CASEWORK_READERS)
  figures(@Query() filter: BargainingFiguresQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new BargainingFiguresQuery(filter, actor));
  }
}
