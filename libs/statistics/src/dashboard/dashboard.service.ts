import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Actor } from '#http';
import { UnitDirectory } from '#identity';
import { Clock, DomainError, shanghaiDate } from '#shared-kernel';
import { parseAsOf } from '#shared-kernel';
import { METRICS, TARGET_SOURCE, type MetricDefinition, type MetricKey, type TargetSource } from '../metrics.js';
import { basisPoints, metricDimensions } from '../queries/metric-fold.js';
import { StatisticsQueries, type Figure, type FigureQuery } from '../queries/statistics-queries.js';
import { DIMENSION_FIELDS, type DimensionQueryDto, type PeriodQueryDto } from './figure-query.dto.js';

export interface FigureView {
  /** Count, fen, or basis points, as a string (bigint); null for a rate over nothing. */
  readonly actual: string | null;
  readonly numerator?: string;
  readonly denominator?: string;
}

export interface DashboardMetric extends FigureView {
  readonly key: MetricKey;
  readonly measure: MetricDefinition['measure'];
  readonly label: MetricDefinition['label'];
  /** The unit's target for the year, in the metric's measure; null without one. */
  readonly target: string | null;
  /** actual / target in basis points (10000 = target met); null without a target. */
  readonly progressBasisPoints: string | null;
  readonly bySubUnit: readonly (FigureView & { unitId: string; own: boolean; target: string | null; progressBasisPoints: string | null })[];
  readonly byMonth: readonly (FigureView & { month: string })[];
}

export interface Dashboard {
  readonly unitId: string;
  readonly unitName: string;
  readonly year: number;
  readonly from: string;
  readonly to: string;
  /** The as-of instant asked for, or null for the live figures. */
  readonly asOf: string | null;
  /** The day rates and agreements in force are taken on: the period's end, or today / the as-of date if earlier. */
  readonly stockDate: string;
  readonly generatedAt: string;
  /** The statistics projection's checkpoint the figures reflect. */
  readonly checkpoint: string;
  /** The lines of the sub-unit breakdown: each direct sub-unit (with its subtree), then the unit's own cases. */
  readonly subUnits: readonly { unitId: string; name: string; own: boolean }[];
  readonly metrics: readonly DashboardMetric[];
}

/** A request's unit, period and as-of, checked. */
export interface ResolvedPeriod extends FigureQuery {
  readonly year: number;
  readonly unitName: string;
}

const view = (figure: Figure): FigureView => ({
  actual: figure.value?.toString() ?? null,
  ...(figure.numerator !== undefined ? { numerator: figure.numerator.toString(), denominator: figure.denominator!.toString() } : {}),
});

const progress = (actual: bigint | null, target: bigint | undefined): string | null =>
  actual === null || target === undefined || target <= 0n ? null : (basisPoints(actual, target)?.toString() ?? null);

/**
 * The supervisor's dashboard: every metric of the catalogue for a unit and a period (one year, or part of one), with
 * the unit's targets, split by sub-unit and by month, live or as of a past instant.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly units: UnitDirectory,
    private readonly clock: Clock,
    @Optional() @Inject(TARGET_SOURCE) private readonly targets: TargetSource | null,
  ) {}

  /**
   * The unit (the caller's own by default; one outside their units answers 404 exactly like one that does not
   * exist), the period (a year by default this one; from/to inside one year) and as-of, checked.
   */
  async resolve(actor: Actor, query: PeriodQueryDto): Promise<ResolvedPeriod> {
    const unitId = query.unitId ?? actor.unitId;
    const unit = await this.units.find(unitId);
    if (!unit || !(unit.unitId === actor.unitId || unit.ancestry.includes(actor.unitId))) {
      throw new DomainError('STATISTICS.UNIT_NOT_FOUND', 'not_found', 'No such unit among the units you work in', [
        { field: 'unitId', reason: 'is not a unit you work in' },
      ]);
    }
    const year = query.year ?? Number((query.from ?? query.to ?? shanghaiDate(this.clock.now())).slice(0, 4));
    const from = query.from ?? `${year}-01-01`;
    const to = query.to ?? `${year}-12-31`;
    const problems = [
      ...(from.slice(0, 4) !== String(year) ? [{ field: 'from', reason: `must lie in ${year}` }] : []),
      ...(to.slice(0, 4) !== String(year) ? [{ field: 'to', reason: `must lie in ${year}` }] : []),
      ...(from > to ? [{ field: 'from', reason: `must not be after to (${to})` }] : []),
    ];
    let asOf: Date | undefined;
    if (query.asOf !== undefined) {
      asOf = parseAsOf(query.asOf);
      if (!asOf) problems.push({ field: 'asOf', reason: 'must be a date (YYYY-MM-DD, the end of that day in Asia/Shanghai) or a date-time with its zone (2026-06-30T16:00:00Z)' });
    }
    if (problems.length) throw new DomainError('STATISTICS.PERIOD_INVALID', 'invalid', 'The period is not one of a single year', problems);
    return { unitId, unitName: unit.name, year, from, to, ...(asOf ? { asOf } : {}) };
  }

  /** The dimension filters of a drill-down, refused when the metric has no such dimension. */
  dimensionsOf(metric: MetricKey, query: DimensionQueryDto): Record<string, string> {
    const allowed = metricDimensions(metric);
    const dimensions: Record<string, string> = {};
    const problems: { field: string; reason: string }[] = [];
    for (const field of DIMENSION_FIELDS) {
      const value = query[field];
      if (value === undefined) continue;
      if (allowed.includes(field)) dimensions[field] = value;
      else problems.push({ field, reason: `${metric} has no dimension ${field}${allowed.length ? ` (it has: ${allowed.join(', ')})` : ''}` });
    }
    if (problems.length) throw new DomainError('STATISTICS.DIMENSION_UNKNOWN', 'invalid', `Filters ${metric} does not have`, problems);
    return dimensions;
  }

  async build(period: ResolvedPeriod): Promise<Dashboard> {
    const metrics = METRICS.map((metric) => metric.key);
    const { figures, subUnits, stockDate, checkpoint } = await this.queries.breakdowns(metrics, period);
    const targets =
      (await this.targets?.targetsFor(
        subUnits.map((sub) => sub.unitId),
        period.year,
        period.asOf,
      )) ?? new Map<string, Map<MetricKey, bigint>>();
    const targetOf = (unitId: string, metric: MetricKey) => targets.get(unitId)?.get(metric);
    return {
      unitId: period.unitId,
      unitName: period.unitName,
      year: period.year,
      from: period.from,
      to: period.to,
      asOf: period.asOf?.toISOString() ?? null,
      stockDate,
      generatedAt: this.clock.now().toISOString(),
      checkpoint,
      subUnits,
      metrics: figures.map((figure, index) => {
        const definition = METRICS[index];
        const target = targetOf(period.unitId, figure.metric);
        return {
          key: figure.metric,
          measure: definition.measure,
          label: definition.label,
          ...view(figure.total),
          target: target?.toString() ?? null,
          progressBasisPoints: progress(figure.total.value, target),
          bySubUnit: figure.bySubUnit.map((line) => {
            // The unit's own line has no target of its own: the unit's target is for the whole subtree.
            const lineTarget = line.own ? undefined : targetOf(line.unitId, figure.metric);
            return {
              unitId: line.unitId,
              own: line.own,
              ...view(line),
              target: lineTarget?.toString() ?? null,
              progressBasisPoints: progress(line.value, lineTarget),
            };
          }),
          byMonth: figure.byMonth.map((line) => ({ month: line.month, ...view(line) })),
        };
      }),
    };
  }
}
