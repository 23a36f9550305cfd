import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Optional, type Actor, type Page } from '#http';
import { unitsInScopeSql } from '#identity';
import type { Fen } from '#shared-kernel';
import { ExportQueryDto, PagedPeriodQueryDto, requireOrderedPeriod } from '../fund-queries/period.js';
import { selectGrants, type GrantView } from '../grant-queries/grant-views.js';
import { Yuan, type Sheet } from './spreadsheet.js';

const UuidFilter = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), Optional(), IsUUID());

const UNIT = '只看此单位及下级单位的个案 / Only cases of this unit and the units below it';
const FUND = '只看此经费账户 / Only payments from this fund';
const PROGRAMME = '只看此帮扶项目 / Only payments under this programme';

export class DisbursementsQueryDto extends PagedPeriodQueryDto {
  @UuidFilter(UNIT) unitId?: string;
  @UuidFilter(FUND) fundId?: string;
  @UuidFilter(PROGRAMME) programmeId?: string;
}

export class DisbursementsExportDto extends ExportQueryDto {
  @UuidFilter(UNIT) unitId?: string;
  @UuidFilter(FUND) fundId?: string;
  @UuidFilter(PROGRAMME) programmeId?: string;
}

export interface DisbursementFilter {
  from?: string;
  to?: string;
  unitId?: string;
  fundId?: string;
  programmeId?: string;
}

export interface Disbursements extends Page<GrantView> {
  /** Over every disbursement the filter matches, not only this page. */
  totals: { count: number; disbursedFen: Fen; reversedFen: Fen; netFen: Fen };
}

export class DisbursementsQuery extends Query<Disbursements> {
  constructor(
    readonly filter: DisbursementFilter,
    readonly actor: Actor,
    readonly paging: { page: number; pageSize: number } | null,
  ) {
    super();
  }
}

/**
 * Every payment made in the period (by the date it was paid), for cases in the caller's units: with its proposal,
 * its approval, the case, the receipt, its reversal if any, and the events behind each step.
 */
@QueryHandler(DisbursementsQuery)
export class DisbursementsHandler implements IQueryHandler<DisbursementsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, actor, paging }: DisbursementsQuery): Promise<Disbursements> {
    requireOrderedPeriod(filter.from, filter.to);
    const params: unknown[] = [actor.unitId];
    const clauses = ['g.paid_on IS NOT NULL', `g.unit_id IN ${unitsInScopeSql('$1')}`];
    if (filter.unitId) clauses.push(`g.unit_id IN ${unitsInScopeSql(`$${params.push(filter.unitId)}`)}`);
    if (filter.fundId) clauses.push(`g.fund_id = $${params.push(filter.fundId)}::uuid`);
    if (filter.programmeId) clauses.push(`g.programme_id = $${params.push(filter.programmeId)}::uuid`);
    if (filter.from) clauses.push(`g.paid_on >= $${params.push(filter.from)}::date`);
    if (filter.to) clauses.push(`g.paid_on <= $${params.push(filter.to)}::date`);
    const where = clauses.join(' AND ');
    const { items, total } = await selectGrants(this.db.manager, where, params, 'g.paid_on, g.disbursed_at, g.id', paging);
    const [sums] = await this.db.query(
      `SELECT coalesce(sum(g.amount_fen), 0)::text AS disbursed, coalesce(sum(g.amount_fen) FILTER (WHERE g.status = 'reversed'), 0)::text AS reversed
         FROM read_model.aid_grants g WHERE ${where}`,
      params,
    );
    const [disbursedFen, reversedFen] = [Number(sums.disbursed) as Fen, Number(sums.reversed) as Fen];
    return {
      items,
      page: paging?.page ?? 1,
      pageSize: paging?.pageSize ?? total,
      total,
      totals: { count: total, disbursedFen, reversedFen, netFen: (disbursedFen - reversedFen) as Fen },
    };
  }
}

const METHODS: Record<string, string> = { cash: '现金', bank_transfer: '银行转账', in_kind: '实物' };
const APPROVALS: Record<string, string> = { within_threshold: '限额内直接批准', supervisor: '负责人审批' };
const STATUSES: Record<string, string> = { disbursed: '已发放', reversed: '已冲回' };

/** The disbursement register (发放台账) as a spreadsheet: one line per payment, in Chinese. */
export function disbursementSheet(items: readonly GrantView[]): Sheet {
  return {
    title: '补助发放台账',
    fileName: 'disbursements',
    header: [
      '发放日期', '项目', '经费账户', '单位', '受助人', '档案编号', '金额(元)', '发放方式', '实物说明', '收据号', '申请人', '申请日期',
      '审批方式', '审批人', '审批日期', '发放经办人', '状态', '冲回日期', '冲回原因', '发放事件', '日志位置', '补助编号',
    ],
    rows: items.map((grant) => [
      grant.disbursement?.paidOn,
      grant.programme.name,
      grant.fund.name,
      grant.unitName,
      grant.recipient.personalDataErased ? '（已删除）' : grant.recipient.name,
      grant.recipient.fileId,
      new Yuan(grant.amountFen),
      METHODS[grant.disbursement?.method ?? ''] ?? grant.disbursement?.method,
      grant.disbursement?.inKindDescription,
      grant.disbursement?.receiptReference,
      grant.proposal.by.displayName ?? grant.proposal.by.userId,
      grant.proposal.on,
      grant.approval ? APPROVALS[grant.approval.kind] : null,
      grant.approval?.by ? (grant.approval.by.displayName ?? grant.approval.by.userId) : null,
      grant.approval?.on,
      grant.disbursement ? (grant.disbursement.by.displayName ?? grant.disbursement.by.userId) : null,
      STATUSES[grant.status] ?? grant.status,
      grant.reversal?.on,
      grant.reversal?.reason,
      grant.disbursement?.eventId,
      grant.disbursement?.position,
      grant.id,
    ]),
  };
}
