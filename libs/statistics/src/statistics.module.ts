import { Module } from '@nestjs/common';
import { DashboardStream } from './dashboard/dashboard-stream.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { DrillDownController } from './drill-down/drill-down.controller.js';
import { StatisticsQueries } from './queries/statistics-queries.js';
import { StatisticsProjection } from './read-model/statistics.projection.js';

/**
 * Statistics (统计): the facts every figure is computed from, the query service the dashboard and the annual
 * report share, the dashboard (live over Server-Sent Events) and the drill-down. Needs Clock from the app,
 * UnitDirectory from identity, ProjectionCommits (global) and, for targets, a TARGET_SOURCE provider.
 */
@Module({
  controllers: [DashboardController, DrillDownController],
  providers: [StatisticsProjection, StatisticsQueries, DashboardService, DashboardStream],
  exports: [StatisticsProjection, StatisticsQueries],
})
export class StatisticsModule {}
