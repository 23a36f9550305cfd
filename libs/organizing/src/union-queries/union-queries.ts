import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PageQueryDto, type Actor, type Page } from '#http';
import { scopeParameters, unitNamesOf, unitsInScopeSql } from '#identity';
import { DomainError } from '#shared-kernel';
import { UNION_KINDS, type UnionKind } from '../organizing.vocabulary.js';
import { EnterpriseRow, UnionEnterpriseRow, UnionRow } from '../read-model/organizing.entities.js';
import { toEnterpriseView, type EnterpriseView } from '../enterprise-queries/enterprise-queries.js';

export class ListUnionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '仅本单位及其下级单位 / Only this unit and the units below it' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: UNION_KINDS, description: '建会形式 / Kind of union' }) @IsOptional() @IsIn(UNION_KINDS) kind?: UnionKind;
  @ApiPropertyOptional({ enum: ['active'], description: '状态 / Status' }) @IsOptional() @IsIn(['active']) status?: 'active';
}

export interface UnionView {
  id: string;
  name: string;
  kind: string;
  unitId: string | null;
  unitName: string | null;
  foundedOn: string;
  chairName: string;
  initialMemberCount: number;
  womenCommitteeFounded: boolean;
  auditCommitteeFounded: boolean;
  coveredEnterpriseCount: number;
  status: string;
  revision: number;
}

export interface UnionDetailView extends UnionView {
  coveredEnterprises: EnterpriseView[];
}

const toUnionView = (row: UnionRow, unitNames: ReadonlyMap<string, string>): UnionView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  unitId: row.unitId,
  unitName: row.unitId ? (unitNames.get(row.unitId) ?? null) : null,
  foundedOn: row.foundedOn,
  chairName: row.chairName,
  initialMemberCount: row.initialMemberCount,
  womenCommitteeFounded: row.womenCommitteeFounded,
  auditCommitteeFounded: row.auditCommitteeFounded,
  coveredEnterpriseCount: row.coveredEnterpriseCount,
  status: row.status,
  revision: Number(row.revision),
});

export class ListUnionsQuery extends Query<Page<UnionView>> {
  constructor(
    readonly filter: ListUnionsQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetUnionQuery extends Query<UnionDetailView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListUnionsQuery)
export class ListUnionsHandler implements IQueryHandler<ListUnionsQuery> {
  constructor(@InjectRepository(UnionRow) private readonly unions: Repository<UnionRow>) {}

  async execute({ filter, actor }: ListUnionsQuery): Promise<Page<UnionView>> {
    const query = this.unions.createQueryBuilder('u').where(`u.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor));
    if (filter.unitId) query.andWhere(`u.unit_id IN ${unitsInScopeSql(':unitId')}`, { unitId: filter.unitId });
    if (filter.kind) query.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    const [rows, total] = await query
      .orderBy('u.founded_on', 'DESC')
      .addOrderBy('u.name')
      .addOrderBy('u.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    const names = await unitNamesOf(this.unions.manager, rows.map((row) => row.unitId));
    return { items: rows.map((row) => toUnionView(row, names)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetUnionQuery)
export class GetUnionHandler implements IQueryHandler<GetUnionQuery> {
  constructor(
    @InjectRepository(UnionRow) private readonly unions: Repository<UnionRow>,
    @InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>,
  ) {}

  async execute({ id, actor }: GetUnionQuery): Promise<UnionDetailView> {
    const row = await this.unions
      .createQueryBuilder('u')
      .where('u.id = :id', { id })
      .andWhere(`u.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor))
      .getOne();
    if (!row) throw new DomainError('ORGANIZING.UNION_NOT_FOUND', 'not_found', `No union ${id}`);
    const covered = await this.enterprises
      .createQueryBuilder('e')
      .innerJoin(UnionEnterpriseRow, 'ue', 'ue.enterprise_id = e.id')
      .where('ue.union_id = :id', { id })
      .orderBy('e.name')
      .getMany();
    const names = await unitNamesOf(this.unions.manager, [row.unitId, ...covered.map((enterprise) => enterprise.unitId)]);
    return { ...toUnionView(row, names), coveredEnterprises: covered.map((enterprise) => toEnterpriseView(enterprise, names)) };
  }
}
