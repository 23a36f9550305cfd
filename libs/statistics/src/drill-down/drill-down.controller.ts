import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '#http';
import { DomainError } from '#shared-kernel';
import { DASHBOARD_READERS } from '../dashboard/dashboard.controller.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { DimensionQueryDto } from '../dashboard/figure-query.dto.js';
import { isMetricKey, METRICS, type MetricDefinition } from '../metrics.js';
import { metricDimensions } from '../queries/metric-fold.js';
import { StatisticsQueries, type DrillDown } from '../queries/statistics-queries.js';

@ApiTags('statistics')
@Controller('statistics')
export class DrillDownController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly queries: StatisticsQueries,
  ) {}

  @Get('metrics')
  @Allow(...DASHBOARD_READERS)
  @ApiOperation({ summary: '指标目录 / The metric catalogue: keys, measures, labels and the dimensions each may be filtered by' })
  catalogue(): (MetricDefinition & { dimensions: readonly string[] })[] {
    return METRICS.map((metric) => ({ ...metric, dimensions: metricDimensions(metric.key) }));
  }

  @Get(':metric/cases')
  @Allow(...DASHBOARD_READERS)
  @ApiParam({ name: 'metric', description: '指标键，如 unions_founded、aid_paid_fen:winter_warmth / A metric key' })
  @ApiOperation({
    summary:
      '指标穿透：构成该数字的案件及其事件 / The cases behind a figure, with the events that count: exactly those, for the whole unit, one sub-unit line or one month',
  })
  @ApiOkResponse({ description: '分页；比率列出分母的案件并标明是否计入分子 / Paged; a rate lists its denominator’s cases, each marked whether it is in the numerator' })
  async cases(@Param('metric') metric: string, @Query() query: DimensionQueryDto, @CurrentActor() actor: Actor): Promise<DrillDown> {
    if (!isMetricKey(metric)) throw new DomainError('STATISTICS.METRIC_NOT_FOUND', 'not_found', `No metric ${metric}`);
    const period = await this.dashboards.resolve(actor, query);
    const dimensions = this.dashboards.dimensionsOf(metric, query);
    if (query.month !== undefined && (query.month < period.from.slice(0, 7) || query.month > period.to.slice(0, 7))) {
      throw new DomainError('STATISTICS.MONTH_OUTSIDE_PERIOD', 'invalid', 'The month is not in the period', [
        { field: 'month', reason: `must lie between ${period.from.slice(0, 7)} and ${period.to.slice(0, 7)}` },
      ]);
    }
    if (query.subUnitId !== undefined && !(await this.queries.subUnitsOf(period.unitId)).some((sub) => sub.unitId === query.subUnitId)) {
      throw new DomainError('STATISTICS.SUB_UNIT_NOT_FOUND', 'invalid', 'Not a line of the sub-unit breakdown', [
        { field: 'subUnitId', reason: 'must be a direct sub-unit of unitId, or unitId itself' },
      ]);
    }
    return this.queries.drillDown(metric, {
      ...period,
      dimensions,
      subUnitId: query.subUnitId,
      month: query.month,
      page: query.page,
      pageSize: query.pageSize ?? 50,
    });
  }
}
