import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PageQueryDto, type Actor, type Page } from '#http';
import { scopeParameters, unitNamesOf, unitsInScopeSql } from '#identity';
import { DomainError } from '#shared-kernel';
import { EnterpriseRow } from '../read-model/organizing.entities.js';
import { Trim } from '../validators.js';

export const ENTERPRISE_STATUSES = ['unionized', 'not_unionized'] as const;

export class ListEnterprisesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '仅本单位及其下级单位 / Only this unit and the units below it' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES, description: '建会状态 / Whether the enterprise has a union' }) @IsOptional() @IsIn(ENTERPRISE_STATUSES) status?: (typeof ENTERPRISE_STATUSES)[number];
  @ApiPropertyOptional({ description: '企业名称的一部分，或完整的统一社会信用代码 / Part of the name, or the whole credit code' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export interface EnterpriseView {
  id: string;
  name: string;
  creditCode: string;
  ownership: string;
  industry: string;
  unitId: string | null;
  unitName: string | null;
  employeeCount: number;
  womenEmployeeCount: number;
  registeredOn: string;
  status: 'unionized' | 'not_unionized';
  unionId: string | null;
  unionizedOn: string | null;
  survey: { reason: string; targetDate: string; surveyedOn: string } | null;
  revision: number;
}

export function toEnterpriseView(row: EnterpriseRow, unitNames: ReadonlyMap<string, string>): EnterpriseView {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    ownership: row.ownership,
    industry: row.industry,
    unitId: row.unitId,
    unitName: row.unitId ? (unitNames.get(row.unitId) ?? null) : null,
    employeeCount: row.employeeCount,
    womenEmployeeCount: row.womenEmployeeCount,
    registeredOn: row.registeredOn,
    status: row.unionId ? 'unionized' : 'not_unionized',
    unionId: row.unionId,
    unionizedOn: row.unionizedOn,
    survey: row.surveyReason ? { reason: row.surveyReason, targetDate: row.surveyTargetDate!, surveyedOn: row.surveyedOn! } : null,
    revision: Number(row.revision),
  };
}

export class ListEnterprisesQuery extends Query<Page<EnterpriseView>> {
  constructor(
    readonly filter: ListEnterprisesQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetEnterpriseQuery extends Query<EnterpriseView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListEnterprisesQuery)
export class ListEnterprisesHandler implements IQueryHandler<ListEnterprisesQuery> {
  constructor(@InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>) {}

  async execute({ filter, actor }: ListEnterprisesQuery): Promise<Page<EnterpriseView>> {
    const query = this.enterprises
      .createQueryBuilder('e')
      .where(`e.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor));
    if (filter.unitId) query.andWhere(`e.unit_id IN ${unitsInScopeSql(':unitId')}`, { unitId: filter.unitId });
    if (filter.status === 'unionized') query.andWhere('e.union_id IS NOT NULL');
    if (filter.status === 'not_unionized') query.andWhere('e.union_id IS NULL');
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(e.name ILIKE :pattern OR e.credit_code = :code)', { pattern, code: filter.search.toUpperCase() });
    }
    const [rows, total] = await query
      .orderBy('e.name')
      .addOrderBy('e.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    const names = await unitNamesOf(this.enterprises.manager, rows.map((row) => row.unitId));
    return { items: rows.map((row) => toEnterpriseView(row, names)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery> {
  constructor(@InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>) {}

  async execute({ id, actor }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const row = await this.enterprises
      .createQueryBuilder('e')
      .where('e.id = :id', { id })
      .andWhere(`e.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor))
      .getOne();
    if (!row) throw new DomainError('ORGANIZING.ENTERPRISE_NOT_FOUND', 'not_found', `No enterprise ${id}`);
    return toEnterpriseView(row, await unitNamesOf(this.enterprises.manager, [row.unitId]));
  }
}
