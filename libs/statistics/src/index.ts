export * from './metrics.js';
export { StatisticsModule } from './statistics.module.js';
export { StatisticsProjection } from './read-model/statistics.projection.js';
export type { StatisticFact, FactKey, SubjectKind } from './read-model/statistic-fact.js';
export {
  StatisticsQueries,
  STATISTICS_PROJECTION,
  type FigureQuery,
  type DrillDownQuery,
  type Figure,
  type SubUnitFigure,
  type MonthFigure,
  type FigureBreakdown,
  type DrillDown,
  type CaseView,
  type FactView,
  type SubUnit,
} from './queries/statistics-queries.js';
export { metricDimensions, basisPoints } from './queries/metric-fold.js';
export { monthsOf } from './calendar.js';
export { DASHBOARD_READERS } from './dashboard/dashboard.controller.js';
export type { Dashboard, DashboardMetric } from './dashboard/dashboard.service.js';
export { AnnualReportModule } from './annual-report/annual-report.module.js';
export { composeAnnualReport, type AnnualReport, type ReportFigure, type ReportSection } from './annual-report/compose-annual-report.js';
