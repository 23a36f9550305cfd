import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#http';
import { isWithin, UnitDirectory } from '#identity';
import { isMetricKey, METRIC_KEYS, metricDefinition, type Measure, type MetricKey, type TargetSource } from '#statistics';
import { asOfInstant, DomainError } from '#shared-kernel';
import { UNIT_TARGETS_TABLE } from '../read-model/unit-targets.projection.js';


export interface RecordedBy {
  userId: string;
  username: string | null;
  displayName: string | null;
}

export interface TargetView {
  metric: MetricKey;
  measure: Measure;
  label: { zh: string; en: string };
  /** In the metric's measure: a count, fen, or basis points; a string so amounts stay exact. */
  value: string;
  reason: string | null;
  setAt: string;
  setBy: RecordedBy;
}

export interface UnitTargets {
  unitId: string;
  unitName: string;
  year: number;
  /** The instant the targets are read at; null for now. */
  asOf: string | null;
  /** The revision of the unit's targets for the year at that instant; null when none was ever recorded by then. */
  revision: number | null;
  targets: TargetView[];
}

export interface TargetChange {
  revision: number;
  change: 'set' | 'withdrawn';
  metric: MetricKey;
  label: { zh: string; en: string };
  value: string | null;
  previousValue: string | null;
  reason: string | null;
  recordedAt: string;
  recordedBy: RecordedBy;
}

export interface UnitTargetHistory {
  unitId: string;
  unitName: string;
  year: number;
  changes: TargetChange[];
}

interface TargetRow {
  revision: string;
  metric: string;
  change: 'set' | 'withdrawn';
  value: string | null;
  previous_value: string | null;
  reason: string | null;
  recorded_at: Date;
  recorded_by: string;
  username: string | null;
  display_name: string | null;
}

const ROW_SELECT = `t.revision::text AS revision, t.metric, t.change, t.value::text AS value, t.previous_value::text AS previous_value, t.reason,
                    t.recorded_at, t.recorded_by, a.username, a.display_name`;
const ACCOUNT_JOIN = `LEFT JOIN read_model.accounts a ON a.id::text = t.recorded_by`;

const recordedBy = (row: TargetRow): RecordedBy => ({ userId: row.recorded_by, username: row.username, displayName: row.display_name });

/** Targets as the read model holds them: in force now or at any past instant, and every change. */
@Injectable()
export class TargetQueries implements TargetSource {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitDirectory,
  ) {}

  async current(actor: Actor, unitId: string, year: number, asOf: string | undefined): Promise<UnitTargets> {
    const unit = await this.visibleUnit(actor, unitId);
    const instant = asOf === undefined ? null : asOfInstant(asOf);
    const rows: TargetRow[] = await this.db.query(
      `SELECT DISTINCT ON (t.metric) ${ROW_SELECT}
         FROM ${UNIT_TARGETS_TABLE} t ${ACCOUNT_JOIN}
        WHERE t.unit_id = $1::uuid AND t.year = $2 AND ($3::timestamptz IS NULL OR t.recorded_at <= $3::timestamptz)
        ORDER BY t.metric, t.revision DESC`,
      [unitId, year, instant?.toISOString() ?? null],
    );
    const [{ revision }] = await this.db.query(
      `SELECT max(revision)::text AS revision FROM ${UNIT_TARGETS_TABLE}
        WHERE unit_id = $1::uuid AND year = $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)`,
      [unitId, year, instant?.toISOString() ?? null],
    );
    const targets = rows
      .filter((row) => row.change === 'set' && isMetricKey(row.metric))
      .map((row): TargetView => {
        const definition = metricDefinition(row.metric as MetricKey);
        return {
          metric: definition.key,
          measure: definition.measure,
          label: definition.label,
          value: row.value!,
          reason: row.reason,
          setAt: row.recorded_at.toISOString(),
          setBy: recordedBy(row),
        };
      })
      .sort((a, b) => CATALOGUE_ORDER(a.metric) - CATALOGUE_ORDER(b.metric));
    return { unitId, unitName: unit.name, year, asOf: instant?.toISOString() ?? null, revision: revision === null ? null : Number(revision), targets };
  }

  async history(actor: Actor, unitId: string, year: number): Promise<UnitTargetHistory> {
    const unit = await this.visibleUnit(actor, unitId);
    const rows: TargetRow[] = await this.db.query(
      `SELECT ${ROW_SELECT} FROM ${UNIT_TARGETS_TABLE} t ${ACCOUNT_JOIN}
        WHERE t.unit_id = $1::uuid AND t.year = $2 ORDER BY t.revision`,
      [unitId, year],
    );
    const changes = rows
      .filter((row) => isMetricKey(row.metric))
      .map((row): TargetChange => ({
        revision: Number(row.revision),
        change: row.change,
        metric: row.metric as MetricKey,
        label: metricDefinition(row.metric as MetricKey).label,
        value: row.value,
        previousValue: row.previous_value,
        reason: row.reason,
        recordedAt: row.recorded_at.toISOString(),
        recordedBy: recordedBy(row),
      }));
    return { unitId, unitName: unit.name, year, changes };
  }

  /** TargetSource: the targets in force for each unit (absent when none), for the dashboard. */
  async targetsFor(unitIds: readonly string[], year: number, asOf?: Date): Promise<Map<string, Map<MetricKey, bigint>>> {
    const result = new Map<string, Map<MetricKey, bigint>>();
    if (unitIds.length === 0) return result;
    const rows: { unit_id: string; metric: string; change: string; value: string | null }[] = await this.db.query(
      `SELECT DISTINCT ON (unit_id, metric) unit_id, metric, change, value::text AS value
         FROM ${UNIT_TARGETS_TABLE}
        WHERE unit_id = ANY($1::uuid[]) AND year = $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
        ORDER BY unit_id, metric, revision DESC`,
      [unitIds, year, asOf?.toISOString() ?? null],
    );
    for (const row of rows) {
      if (row.change !== 'set' || row.value === null || !isMetricKey(row.metric)) continue;
      let targets = result.get(row.unit_id);
      if (!targets) result.set(row.unit_id, (targets = new Map()));
      targets.set(row.metric, BigInt(row.value));
    }
    return result;
  }

  /** A unit outside the caller's scope answers exactly like one that does not exist. */
  private async visibleUnit(actor: Actor, unitId: string) {
    const unit = await this.units.find(unitId);
    if (!isWithin(unit, actor.unitId)) {
      throw new DomainError('TARGETS.UNIT_NOT_FOUND', 'not_found', `No unit ${unitId} among the units you work in`);
    }
    return unit;
  }
}

/** Targets list in the catalogue's order, as a report reads them. */
const CATALOGUE_ORDER = (metric: MetricKey): number => METRIC_KEYS.indexOf(metric);
