import { Module } from '@nestjs/common';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { StatisticsModule } from '../statistics.module.js';
import { AnnualReportController } from './annual-report.controller.js';
import { AnnualReportService } from './annual-report.service.js';

/**
 * The annual report's statistics section over the statistics queries. DashboardService is provided here again for its
 * checks of unit, period and as-of (it holds no state), so that the statistics module needs no change for the report.
 */
@Module({
  imports: [StatisticsModule],
  controllers: [AnnualReportController],
  providers: [AnnualReportService, DashboardService],
})
export class AnnualReportModule {}
