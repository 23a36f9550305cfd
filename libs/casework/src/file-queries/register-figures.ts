import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#http';
import { Clock, shanghaiDate } from '#shared-kernel';
import { HARDSHIP_CATEGORIES, HARDSHIP_TIERS, LEAVING_REASONS, type HardshipCategory, type HardshipTier, type LeavingReason } from '../casework.vocabulary.js';
import { Optional } from '../validators.js';
import { registerWhere } from './register-filter.js';

export class RegisterFiguresQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '此单位及下级单位（默认本人所在单位） / A unit and the units below it; your own unit when omitted' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

/** The register's figures as a work report quotes them ("households on the register, reviews overdue"). */
export interface RegisterFigures {
  asOf: string;
  onRegister: number;
  byTier: Record<HardshipTier, number>;
  /** A household counts under each of its categories. */
  byCategory: Record<HardshipCategory, number>;
  byUnit: { unitId: string; unitName: string | null; onRegister: number }[];
  reviewsOverdue: number;
  left: number;
  leftByReason: Record<LeavingReason, number>;
  visits: number;
  aidRequests: number;
  aidRequestedFen: number;
}

export class RegisterFiguresQuery extends Query<RegisterFigures> {
  constructor(
    readonly filter: RegisterFiguresQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

@QueryHandler(RegisterFiguresQuery)
export class RegisterFiguresHandler implements IQueryHandler<RegisterFiguresQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: RegisterFiguresQuery): Promise<RegisterFigures> {
    const today = shanghaiDate(this.clock.now());
    const { where, params } = registerWhere({ unitId: filter.unitId }, actor);
    const from = `read_model.hardship_files f WHERE ${where}`;
    const [totals] = await this.db.query(
      `SELECT count(*) FILTER (WHERE f.status = 'open')::int AS on_register,
              count(*) FILTER (WHERE f.status = 'closed')::int AS left_register,
              count(*) FILTER (WHERE f.status = 'open' AND f.next_review_due < $${params.length + 1}::date)::int AS overdue,
              coalesce(sum(f.visit_count), 0)::int AS visits,
              coalesce(sum(f.aid_request_count), 0)::int AS aid_requests,
              coalesce(sum(f.aid_requested_fen), 0)::text AS aid_requested_fen
         FROM ${from}`,
      [...params, today],
    );
    const grouped = async (key: string, condition: string): Promise<{ key: string; n: number }[]> =>
      this.db.query(`SELECT ${key} AS key, count(*)::int AS n FROM ${from} AND ${condition} GROUP BY 1`, params);
    const byTier = zeros(HARDSHIP_TIERS);
    for (const { key, n } of await grouped('f.tier', `f.status = 'open'`)) byTier[key as HardshipTier] = n;
    const byCategory = zeros(HARDSHIP_CATEGORIES);
    for (const { key, n } of await grouped('unnest(f.categories)', `f.status = 'open'`)) byCategory[key as HardshipCategory] = n;
    const leftByReason = zeros(LEAVING_REASONS);
    for (const { key, n } of await grouped('f.leaving_reason', `f.status = 'closed'`)) leftByReason[key as LeavingReason] = n;
    const byUnit: { unit_id: string; unit_name: string | null; n: number }[] = await this.db.query(
      `SELECT f.unit_id, u.name AS unit_name, count(*)::int AS n
         FROM read_model.hardship_files f LEFT JOIN read_model.units u ON u.id = f.unit_id
        WHERE ${where} AND f.status = 'open' GROUP BY 1, 2 ORDER BY 2, 1`,
      params,
    );
    return {
      asOf: today,
      onRegister: totals.on_register,
      byTier,
      byCategory,
      byUnit: byUnit.map((row) => ({ unitId: row.unit_id, unitName: row.unit_name, onRegister: row.n })),
      reviewsOverdue: totals.overdue,
      left: totals.left_register,
      leftByReason,
      visits: totals.visits,
      aidRequests: totals.aid_requests,
      aidRequestedFen: Number(totals.aid_requested_fen),
    };
  }
}
