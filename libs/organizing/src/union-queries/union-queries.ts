import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PageQueryDto, type Page } from '#http';
import { DomainError } from '#shared-kernel';
import { UNION_KINDS, type UnionKind } from '../organizing.vocabulary.js';
import { EnterpriseRow, UnionEnterpriseRow, UnionRow } from '../read-model/organizing.entities.js';
import { toEnterpriseView, type EnterpriseView } from '../enterprise-queries/enterprise-queries.js';

export class ListUnionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) township?: string;
  @ApiPropertyOptional({ enum: UNION_KINDS }) @IsOptional() @IsIn(UNION_KINDS) kind?: UnionKind;
  @ApiPropertyOptional({ enum: ['active'] }) @IsOptional() @IsIn(['active']) status?: 'active';
}

export interface UnionView {
  id: string;
  name: string;
  kind: string;
  township: string;
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

const toUnionView = (row: UnionRow): UnionView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  township: row.township,
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
  constructor(readonly filter: ListUnionsQueryDto) {
    super();
  }
}

export class GetUnionQuery extends Query<UnionDetailView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(ListUnionsQuery)
export class ListUnionsHandler implements IQueryHandler<ListUnionsQuery> {
  constructor(@InjectRepository(UnionRow) private readonly unions: Repository<UnionRow>) {}

  async execute({ filter }: ListUnionsQuery): Promise<Page<UnionView>> {
    const query = this.unions.createQueryBuilder('u');
    if (filter.township) query.andWhere('u.township = :township', { township: filter.township });
    if (filter.kind) query.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    const [rows, total] = await query
      .orderBy('u.founded_on', 'DESC')
      .addOrderBy('u.name')
      .addOrderBy('u.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map(toUnionView), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetUnionQuery)
export class GetUnionHandler implements IQueryHandler<GetUnionQuery> {
  constructor(
    @InjectRepository(UnionRow) private readonly unions: Repository<UnionRow>,
    @InjectRepository(EnterpriseRow) private readonly enterprises: Repository<EnterpriseRow>,
  ) {}

  async execute({ id }: GetUnionQuery): Promise<UnionDetailView> {
    const row = await this.unions.findOneBy({ id });
    if (!row) throw new DomainError('ORGANIZING.UNION_NOT_FOUND', 'not_found', `No union ${id}`);
    const covered = await this.enterprises
      .createQueryBuilder('e')
      .innerJoin(UnionEnterpriseRow, 'ue', 'ue.enterprise_id = e.id')
      .where('ue.union_id = :id', { id })
      .orderBy('e.name')
      .getMany();
    return { ...toUnionView(row), coveredEnterprises: covered.map(toEnterpriseView) };
  }
}
