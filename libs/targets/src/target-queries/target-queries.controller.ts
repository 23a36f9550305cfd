import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, AsOfQueryDto, ANY_ROLE, CurrentActor, etagFor, IdParam, type Actor } from '#http';
import { YearParam } from '../year-param.js';
import { TargetQueries, type UnitTargetHistory, type UnitTargets } from './target-queries.js';

@ApiTags('targets')
@Controller('units/:unitId/targets/:year')
export class TargetQueriesController {
  constructor(private readonly queries: TargetQueries) {}

  @Get()
  @Allow(...ANY_ROLE)
  @ApiOperation({
    summary: '单位年度目标（可查历史时点） / A unit’s targets for a year, with who set each and when; as of a past instant when asOf is given',
  })
  @ApiOkResponse({ description: '金额为分，比率为万分比 / Amounts in fen, rates in basis points (10000 = 100 %)' })
  async current(
    @IdParam('unitId') unitId: string,
    @YearParam() year: number,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnitTargets> {
    const view = await this.queries.current(actor, unitId, year, query.asOf);
    if (view.revision !== null && query.asOf === undefined) response.setHeader('ETag', etagFor(view.revision));
    return view;
  }

  @Get('history')
  @Allow(...ANY_ROLE)
  @ApiOperation({ summary: '目标变更记录 / Every change of the unit’s targets for the year, oldest first, with who made it and when' })
  @ApiOkResponse({ description: '设定与撤销，含原值 / Each set or withdrawal with the value it replaced' })
  history(@IdParam('unitId') unitId: string, @YearParam() year: number, @CurrentActor() actor: Actor): Promise<UnitTargetHistory> {
    return this.queries.history(actor, unitId, year);
  }
}
