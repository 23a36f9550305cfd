import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { formatPosition } from '#event-store';
import { readCheckpoint } from '#projections';
import { Clock, minDate, shanghaiDate } from '#shared-kernel';
import { monthsOf } from '../calendar.js';
import type { MetricKey } from '../metrics.js';
import type { FactKey, StatisticFact, SubjectKind } from '../read-model/statistic-fact.js';
import { factsRead, foldMetric, foldSelected, selectFacts, type Folded, type FoldedCase, type FoldPeriod } from './metric-fold.js';

/** The name the statistics projection keeps its checkpoint under. */
export const STATISTICS_PROJECTION = 'statistics';

/**
 * What a figure is asked for: a unit (the figure covers it and every unit below it), a period of business dates
 * (Asia/Shanghai, inclusive), and optionally an instant "as of" which the log is read: only facts recorded by then
 * count. Without `asOf`, every fact projected so far counts, which is the live figure; the as-of figure for now is
 * the same by construction (every fact is recorded at or before now).
 */
export interface FigureQuery {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly asOf?: Date;
  /** Filters on the metric's dimensions (see `metricDimensions`): `{ unionKind: 'joint' }`, `{ scope: 'regional' }`. */
  readonly dimensions?: Readonly<Record<string, string>>;
}

export interface DrillDownQuery extends FigureQuery {
  /** Only the cases of this direct sub-unit's subtree, or of the unit's own cases when it is `unitId` itself. */
  readonly subUnitId?: string;
  /** Only the cases of this month (YYYY-MM) of the period. */
  readonly month?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** A figure with, for a rate, its two counts. `value` is null for a rate with an empty denominator. */
export interface Figure {
  readonly value: bigint | null;
  readonly numerator?: bigint;
  readonly denominator?: bigint;
}

export interface SubUnitFigure extends Figure {
  readonly unitId: string;
  /** True for the line of the unit's own cases (those not in any sub-unit). */
  readonly own: boolean;
}

export interface MonthFigure extends Figure {
  /** YYYY-MM */
  readonly month: string;
}

export interface FigureBreakdown {
  readonly metric: MetricKey;
  readonly total: Figure;
  readonly bySubUnit: readonly SubUnitFigure[];
  readonly byMonth: readonly MonthFigure[];
}

/** One row of the log behind a figure. */
export interface FactView {
  readonly eventId: string;
  readonly seq: number;
  readonly position: string;
  readonly eventType: string;
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  readonly unitId: string;
  readonly occurredOn: string;
  readonly validUntil: string | null;
  readonly recordedAt: string;
  /** Fen or count, as a string; negative for a correction. */
  readonly quantity: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface CaseView {
  /** union, enterprise, wage_talks, hardship_file, aid_grant, job_seeker, job_fair, or household (a pseudonymous key). */
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly unitId: string;
  /** The case's share of the figure: net quantity for sums, 1 for distinct counts, 1/0 for a rate's numerator. */
  readonly quantity: string;
  readonly inNumerator?: boolean;
  readonly facts: readonly FactView[];
}

export interface DrillDown {
  readonly metric: MetricKey;
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  /** The day rates and coverage were taken on: the period's end, or the as-of date if earlier. */
  readonly stockDate: string;
  readonly asOf: string | null;
  readonly value: string | null;
  readonly numerator?: string;
  readonly denominator?: string;
  /** Cases behind the figure (for a rate: the denominator's, each marked `inNumerator`), by unit then id. */
  readonly items: readonly CaseView[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** The statistics projection's checkpoint the figure reflects. */
  readonly checkpoint: string;
}

export interface SubUnit {
  readonly unitId: string;
  readonly name: string;
  readonly own: boolean;
}

/** Facts of a unit's subtree, each with the line of the sub-unit breakdown it falls on. */
interface Snapshot {
  readonly facts: readonly (StatisticFact & { readonly bucket: string })[];
  readonly checkpoint: string;
}

interface FactRow {
  event_id: string;
  seq: number;
  position: string;
  metric: FactKey;
  unit_id: string;
  occurred_on: string;
  valid_until: string | null;
  recorded_at: Date | null;
  quantity: string;
  subject_kind: SubjectKind;
  subject_id: string;
  distinct_key: string | null;
  dimensions: Record<string, string>;
  event_type: string;
  bucket: string;
}

/**
 * The statistics core: every dashboard tile and annual-report line is computed here, from `statistic_facts`.
 * Units are taken as they hang in the tree now; the caller checks the unit is one the user may see.
 */
@Injectable()
export class StatisticsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The figure of `metric`: a count, fen, or (rates) basis points taken on min(to, as-of date); null for a rate over nothing. */
  async actual(metric: MetricKey, query: FigureQuery): Promise<bigint | null> {
    return (await this.figure(metric, query)).value;
  }

  /** The figure, with a rate's numerator and denominator. */
  async figure(metric: MetricKey, query: FigureQuery): Promise<Figure> {
    const snapshot = await this.snapshot([metric], query, true);
    return figureOf(foldMetric(metric, snapshot.facts, this.period(query), query.dimensions));
  }

  /** One line per direct sub-unit (each covering its own subtree), then the unit's own cases. */
  async bySubUnit(metric: MetricKey, query: FigureQuery): Promise<SubUnitFigure[]> {
    return (await this.breakdowns([metric], query)).figures[0].bySubUnit as SubUnitFigure[];
  }

  /** One line per month the period touches; a rate is taken on each month's last day (or the as-of date). */
  async byMonth(metric: MetricKey, query: FigureQuery): Promise<MonthFigure[]> {
    return (await this.breakdowns([metric], query)).figures[0].byMonth as MonthFigure[];
  }

  /** Total, sub-unit lines and months of several metrics from one consistent read of the facts. */
  async breakdowns(
    metrics: readonly MetricKey[],
    query: FigureQuery,
  ): Promise<{ figures: FigureBreakdown[]; subUnits: SubUnit[]; stockDate: string; checkpoint: string }> {
    const [snapshot, subUnits] = await Promise.all([this.snapshot(metrics, query, true), this.subUnitsOf(query.unitId)]);
    const period = this.period(query);
    const figures = metrics.map((metric) => {
      // Each metric selects its own facts once, and splits them by sub-unit line and (flows) by month in one pass.
      const facts = selectFacts(metric, snapshot.facts, query.dimensions);
      const fold = (slice: readonly StatisticFact[], within: FoldPeriod) => figureOf(foldSelected(metric, slice, within));
      const byBucket = groupInto(facts, (fact) => fact.bucket);
      const stock = factsRead(metric).stock;
      const byMonth = stock ? undefined : groupInto(facts, (fact) => fact.occurredOn.slice(0, 7));
      return {
        metric,
        total: fold(facts, period),
        bySubUnit: subUnits.map((sub) => ({ unitId: sub.unitId, own: sub.own, ...fold(byBucket.get(sub.unitId) ?? [], period) })),
        byMonth: monthsOf(period.from, period.to).map((month) => ({
          month: month.month,
          ...fold(byMonth ? (byMonth.get(month.month) ?? []) : facts, { from: month.from, to: month.to, at: minDate(month.to, period.at) }),
        })),
      };
    });
    return { figures, subUnits, stockDate: period.at, checkpoint: snapshot.checkpoint };
  }

  /**
   * The cases behind a figure, exactly: for a sum, the cases whose facts add up to it (reversals included); for a
   * distinct count, one case per household or person counted; for a rate, the denominator's cases, each marked
   * whether it is in the numerator. Narrowed to one sub-unit line and/or one month when asked, so each cell of the
   * dashboard drills down to its own cases.
   */
  async drillDown(metric: MetricKey, query: DrillDownQuery): Promise<DrillDown> {
    const snapshot = await this.snapshot([metric], query);
    let period = this.period(query);
    if (query.month) {
      const month = monthsOf(period.from, period.to).find((m) => m.month === query.month);
      period = month ? { from: month.from, to: month.to, at: minDate(month.to, period.at) } : { from: period.to, to: period.from, at: period.at };
    }
    const facts = query.subUnitId ? snapshot.facts.filter((fact) => fact.bucket === query.subUnitId) : snapshot.facts;
    const folded = foldMetric(metric, facts, period, query.dimensions);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const figure = figureOf(folded);
    return {
      metric,
      unitId: query.unitId,
      from: period.from,
      to: period.to,
      stockDate: period.at,
      asOf: query.asOf?.toISOString() ?? null,
      value: figure.value?.toString() ?? null,
      ...(figure.numerator !== undefined ? { numerator: figure.numerator.toString(), denominator: figure.denominator!.toString() } : {}),
      items: folded.cases.slice((page - 1) * pageSize, page * pageSize).map(caseView),
      page,
      pageSize,
      total: folded.cases.length,
      checkpoint: snapshot.checkpoint,
    };
  }

  /** The unit's direct sub-units, by name, then the unit itself for its own cases. Empty for a unit that is not there. */
  async subUnitsOf(unitId: string): Promise<SubUnit[]> {
    const rows: { id: string; name: string; own: boolean }[] = await this.dataSource.query(
      `SELECT id, name, false AS own FROM read_model.units WHERE parent_id = $1::uuid
       UNION ALL SELECT id, name, true AS own FROM read_model.units WHERE id = $1::uuid
       ORDER BY own, name, id`,
      [unitId],
    );
    return rows.map((row) => ({ unitId: row.id, name: row.name, own: row.own }));
  }

  /** The log position of the newest fact written, or null before any: it moves whenever a figure may change. */
  async latestFactPosition(): Promise<string | null> {
    const [row]: { position: string | null }[] = await this.dataSource.query(`SELECT max(position)::text AS position FROM read_model.statistic_facts`);
    return row.position;
  }

  /** The statistics projection's checkpoint: the figures reflect the log up to it. */
  async checkpoint(): Promise<string> {
    return formatPosition(await readCheckpoint(this.dataSource, STATISTICS_PROJECTION));
  }

  /**
   * The period with its stock date: the period's end, or the as-of (or today's) date if earlier. An as-of in the
   * future is taken as now: what the log will say then is not known, and agreements are not in force in advance.
   */
  period(query: FigureQuery): FoldPeriod {
    const now = this.clock.now();
    const today = shanghaiDate(query.asOf && query.asOf < now ? query.asOf : now);
    return { from: query.from, to: query.to, at: minDate(query.to, today) };
  }

  /**
   * The facts of the unit's subtree the metrics read, recorded by as-of. `figuresOnly` leaves out what only a
   * drill-down shows (event id, position, recording instant, event type) and the log order: reading and parsing
   * those columns is most of the cost of a dashboard over a large subtree.
   */
  private async snapshot(metrics: readonly MetricKey[], query: FigureQuery, figuresOnly = false): Promise<Snapshot> {
    const flows = new Set<FactKey>();
    const stocks = new Set<FactKey>();
    for (const metric of metrics) {
      const read = factsRead(metric);
      for (const key of read.keys) (read.stock ? stocks : flows).add(key);
    }
    // One snapshot for the rows and the checkpoint, so the checkpoint reported is the one the rows reflect.
    return this.dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
      const checkpoint = formatPosition(await readCheckpoint(manager, STATISTICS_PROJECTION));
      const rows: FactRow[] = await manager.query(
        `WITH root AS (SELECT id, path FROM read_model.units WHERE id = $1::uuid),
         -- Every unit of the subtree with the line of the breakdown it falls on: its direct sub-unit, or the root.
         tree AS (
           SELECT u.id, CASE WHEN u.id = root.id THEN root.id ELSE c.id END AS bucket
             FROM read_model.units u
            CROSS JOIN root
             LEFT JOIN read_model.units c ON c.parent_id = root.id AND u.path LIKE c.path || '%'
            WHERE u.path LIKE root.path || '%')
         SELECT ${
           figuresOnly
             ? `'' AS event_id, 0 AS seq, '0' AS position, NULL AS recorded_at, '' AS event_type,`
             : `f.event_id, f.seq, f.position::text AS position, f.recorded_at, f.event_type,`
         } f.metric, f.unit_id, f.occurred_on::text AS occurred_on, f.valid_until::text AS valid_until,
                f.quantity::text AS quantity, f.subject_kind, f.subject_id, f.distinct_key, f.dimensions, tree.bucket
           FROM read_model.statistic_facts f
           JOIN tree ON tree.id = f.unit_id
          WHERE ($2::timestamptz IS NULL OR f.recorded_at <= $2::timestamptz)
            AND ((f.metric = ANY($3::text[]) AND f.occurred_on BETWEEN $5::date AND $6::date)
              OR (f.metric = ANY($4::text[]) AND f.occurred_on <= $6::date))
          ${figuresOnly ? '' : 'ORDER BY f.position, f.seq'}`,
        [query.unitId, query.asOf?.toISOString() ?? null, [...flows], [...stocks], query.from, query.to],
      );
      return { checkpoint, facts: rows.map(factOf) };
    });
  }
}

function groupInto<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function factOf(row: FactRow): StatisticFact & { bucket: string } {
  return {
    eventId: row.event_id,
    seq: row.seq,
    position: BigInt(row.position),
    metric: row.metric,
    unitId: row.unit_id,
    occurredOn: row.occurred_on,
    validUntil: row.valid_until,
    recordedAt: row.recorded_at === null ? new Date(0) : new Date(row.recorded_at),
    quantity: BigInt(row.quantity),
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    distinctKey: row.distinct_key,
    dimensions: row.dimensions,
    eventType: row.event_type,
    bucket: row.bucket,
  };
}

function figureOf(folded: Folded): Figure {
  return folded.numerator === undefined
    ? { value: folded.value }
    : { value: folded.value, numerator: folded.numerator, denominator: folded.denominator };
}

function caseView(folded: FoldedCase): CaseView {
  return {
    subjectKind: folded.subjectKind,
    subjectId: folded.subjectId,
    unitId: folded.unitId,
    quantity: folded.quantity.toString(),
    ...(folded.inNumerator !== undefined ? { inNumerator: folded.inNumerator } : {}),
    facts: folded.facts.map((fact) => ({
      eventId: fact.eventId,
      seq: fact.seq,
      position: fact.position.toString(),
      eventType: fact.eventType,
      subjectKind: fact.subjectKind,
      subjectId: fact.subjectId,
      unitId: fact.unitId,
      occurredOn: fact.occurredOn,
      validUntil: fact.validUntil,
      recordedAt: fact.recordedAt.toISOString(),
      quantity: fact.quantity.toString(),
      dimensions: fact.dimensions,
    })),
  };
}
