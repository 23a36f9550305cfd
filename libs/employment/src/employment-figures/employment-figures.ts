import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#http';
import { inUnitAndScopeSql, unitNamesOf } from '#identity';
import { DomainError } from '#shared-kernel';
import {
  COURSE_TYPES,
  REHIRE_CHANNELS,
  SEEKER_KINDS,
  SEEKER_STATUSES,
  type CourseType,
  type RehireChannel,
  type SeekerKind,
  type SeekerStatus,
} from '../employment.vocabulary.js';
import { IsCalendarDate } from '../validators.js';

export class EmploymentFiguresQueryDto {
  @ApiProperty({ description: '统计期起（含） / First day of the period (YYYY-MM-DD)', example: '2026-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ description: '统计期止（含） / Last day of the period (YYYY-MM-DD)', example: '2026-12-31' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: '单位及其下级；默认本人所在单位 / A unit and the units below it; your own unit when omitted' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

type Counts<Key extends string> = Record<Key, number>;
const zeros = <Key extends string>(keys: readonly Key[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Counts<Key>;

export interface EmploymentFigures {
  from: string;
  to: string;
  unitId: string;
  /** Registrations begun in the period: first registrations and registrations again after a job loss. */
  registered: { total: number; again: number; women: number; byKind: Counts<SeekerKind> };
  /** WorkerRehired with a start date in the period. */
  rehired: {
    total: number;
    women: number;
    byChannel: Counts<RehireChannel>;
    byKind: Counts<SeekerKind>;
    byUnit: { unitId: string; unitName: string | null; total: number; byChannel: Counts<RehireChannel> }[];
  };
  /** Courses completed in the period: person-times (人次) and distinct people; drop-outs apart. */
  trained: { completions: number; people: number; certified: number; droppedOut: number; byCourse: Counts<CourseType> };
  /** Job fairs held in the period and the openings offered at them. */
  jobFairs: { held: number; positionsOffered: number; employers: number };
  referrals: { made: number; ledToJob: number };
  /** Seekers on the register today, by status (not limited to the period). */
  nowByStatus: Counts<SeekerStatus>;
}

export class EmploymentFiguresQuery extends Query<EmploymentFigures> {
  constructor(
    readonly filter: EmploymentFiguresQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The re-employment figures of a work report for one unit (and those below it) and one period, never beyond the caller's units. */
@QueryHandler(EmploymentFiguresQuery)
export class EmploymentFiguresHandler implements IQueryHandler<EmploymentFiguresQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: EmploymentFiguresQuery): Promise<EmploymentFigures> {
    const { from, to } = filter;
    if (to < from) {
      throw new DomainError('EMPLOYMENT.PERIOD_REVERSED', 'invalid', 'The period ends before it starts', [{ field: 'to', reason: `must not be before from (${from})` }]);
    }
    const unitId = filter.unitId ?? actor.unitId;
    // Both the chosen unit's subtree and the caller's: a unit outside the caller's scope yields zeros, not its figures.
    const inUnits = (column: string, unit = '$3', scope = '$4') => inUnitAndScopeSql(column, unit, scope);
    const parameters = [from, to, unitId, actor.unitId];
    const query = <Row>(sql: string): Promise<Row[]> => this.dataSource.query(sql, parameters);

    const [registrations, rehirings, trainings, [trainedPeople], [fairs], [referrals], standing] = await Promise.all([
      query<{ kind: SeekerKind; again: boolean; women: number; n: number }>(
        `SELECT kind, cycle > 1 AS again, count(*) FILTER (WHERE gender = 'female')::int AS women, count(*)::int AS n
           FROM read_model.employment_registrations WHERE registered_on BETWEEN $1 AND $2 AND ${inUnits('unit_id')}
          GROUP BY kind, cycle > 1`,
      ),
      query<{ unit_id: string; channel: RehireChannel; kind: SeekerKind; women: number; n: number }>(
        `SELECT unit_id, channel, kind, count(*) FILTER (WHERE gender = 'female')::int AS women, count(*)::int AS n
           FROM read_model.employment_rehirings WHERE started_on BETWEEN $1 AND $2 AND ${inUnits('unit_id')}
          GROUP BY unit_id, channel, kind`,
      ),
      query<{ course_type: CourseType; completions: number; certified: number }>(
        `SELECT course_type, count(*)::int AS completions, count(*) FILTER (WHERE certified)::int AS certified
           FROM read_model.employment_trainings WHERE status = 'completed' AND completed_on BETWEEN $1 AND $2 AND ${inUnits('unit_id')}
          GROUP BY course_type`,
      ),
      query<{ people: number; dropped: number }>(
        `SELECT count(DISTINCT seeker_id) FILTER (WHERE status = 'completed' AND completed_on BETWEEN $1 AND $2)::int AS people,
                count(*) FILTER (WHERE status = 'dropped_out' AND dropped_on BETWEEN $1 AND $2)::int AS dropped
           FROM read_model.employment_trainings WHERE ${inUnits('unit_id')}`,
      ),
      query<{ held: number; positions: number; employers: number }>(
        `SELECT count(DISTINCT f.id)::int AS held, coalesce(sum(p.count), 0)::int AS positions, count(DISTINCT p.employer)::int AS employers
           FROM read_model.employment_job_fairs f LEFT JOIN read_model.employment_fair_positions p ON p.fair_id = f.id
          WHERE f.held_on BETWEEN $1 AND $2 AND ${inUnits('f.unit_id')}`,
      ),
      query<{ made: number; hired: number }>(
        `SELECT count(*)::int AS made, count(*) FILTER (WHERE status = 'hired')::int AS hired
           FROM read_model.employment_referrals WHERE referred_on BETWEEN $1 AND $2 AND ${inUnits('unit_id')}`,
      ),
      this.dataSource.query(
        `SELECT status, count(*)::int AS n FROM read_model.employment_seekers WHERE ${inUnits('unit_id', '$1', '$2')} GROUP BY status`,
        [unitId, actor.unitId],
      ) as Promise<{ status: SeekerStatus; n: number }[]>,
    ]);

    const registered = { total: 0, again: 0, women: 0, byKind: zeros(SEEKER_KINDS) };
    for (const row of registrations) {
      registered.total += row.n;
      registered.women += row.women;
      registered.byKind[row.kind] += row.n;
      if (row.again) registered.again += row.n;
    }

    const rehired = { total: 0, women: 0, byChannel: zeros(REHIRE_CHANNELS), byKind: zeros(SEEKER_KINDS) };
    const byUnit = new Map<string, { total: number; byChannel: Counts<RehireChannel> }>();
    for (const row of rehirings) {
      rehired.total += row.n;
      rehired.women += row.women;
      rehired.byChannel[row.channel] += row.n;
      rehired.byKind[row.kind] += row.n;
      const unit = byUnit.get(row.unit_id) ?? { total: 0, byChannel: zeros(REHIRE_CHANNELS) };
      unit.total += row.n;
      unit.byChannel[row.channel] += row.n;
      byUnit.set(row.unit_id, unit);
    }
    const unitNames = await unitNamesOf(this.dataSource.manager, [...byUnit.keys()]);

    const byCourse = zeros(COURSE_TYPES);
    for (const row of trainings) byCourse[row.course_type] += row.completions;
    const nowByStatus = zeros(SEEKER_STATUSES);
    for (const row of standing) nowByStatus[row.status] += row.n;

    return {
      from,
      to,
      unitId,
      registered,
      rehired: {
        ...rehired,
        byUnit: [...byUnit]
          .map(([id, unit]) => ({ unitId: id, unitName: unitNames.get(id) ?? null, ...unit }))
          .sort((a, b) => b.total - a.total || (a.unitName ?? '').localeCompare(b.unitName ?? '')),
      },
      trained: {
        completions: trainings.reduce((sum, row) => sum + row.completions, 0),
        people: trainedPeople.people,
        certified: trainings.reduce((sum, row) => sum + row.certified, 0),
        droppedOut: trainedPeople.dropped,
        byCourse,
      },
      jobFairs: { held: fairs.held, positionsOffered: fairs.positions, employers: fairs.employers },
      referrals: { made: referrals.made, ledToJob: referrals.hired },
      nowByStatus,
    };
  }
}
