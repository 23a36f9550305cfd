import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PageQueryDto, type Page } from '#http';
import { DomainError } from '#shared-kernel';
import { EnterpriseRow } from '../read-model/organizing.entities.js';
import { Trim } from '../validators.js';

export const ENTERPRISE_STATUSES = ['unionized', 'not_unionized'] as const;

export class ListEnterprisesQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) township?: string;
  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES }) @IsOptional() @IsIn(ENTERPRISE_STATUSES) status?: (typeof ENTERPRISE_STATUSES)[number];
  @ApiPropertyOptional({ description: 'Part of the name, or the whole credit code' })
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
  township: string;
  employeeCount: number;
  womenEmployeeCount: number;
  registeredOn: string;
  status: 'unionized' | 'not_unionized';
  unionId: string | null;
  unionizedOn: string | null;
  survey: { reason: string; targetDate: string; surveyedOn: string } | null;
  revision: number;
}

export function toEnterpriseView(row: EnterpriseRow): EnterpriseView {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    ownership: row.ownership,
    industry: row.industry,
    township: row.township,
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
  constructor(readonly filter: ListEnterprisesQueryDto) {
    super();
  }
}

export class GetEnterpriseQuery extends Query<EnterpriseView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(ListEnterprisesQuery)
export class ListEnterprisesHandler implements IQueryHandler<ListEnterprisesQuery> {
  constructor(@InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>) {}

  async execute({ filter }: ListEnterprisesQuery): Promise<Page<EnterpriseView>> {
    const query = this.enterprises.createQueryBuilder('e');
    if (filter.township) query.andWhere('e.township = :township', { township: filter.township });
    if (filter.status === 'unionized') query.andWhere('e.union_id IS NOT NULL');
    if (filter.status === 'not_unionized') query.andWhere('e.union_id IS NULL');
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(e.name ILIKE :pattern OR e.credit_code = :code)', { pattern, code: filter.search.toUpperCase() });
    }
    const [rows, total] = await query
      .orderBy('e.township')
      .addOrderBy('e.name')
      .addOrderBy('e.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map(toEnterpriseView), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetEnterpriseQuery)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterpriseQuery> {
  constructor(@InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>) {}

  async execute({ id }: GetEnterpriseQuery): Promise<EnterpriseView> {
    const row = await this.enterprises.findOneBy({ id });
    if (!row) throw new DomainError('ORGANIZING.ENTERPRISE_NOT_FOUND', 'not_found', `No enterprise ${id}`);
    return toEnterpriseView(row);
  }
}
