import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PageQueryDto, type Actor, type Page } from '#http';
import { scopeParameters, unitNamesOf, unitsInScopeSql } from '#identity';
import { DomainError } from '#shared-kernel';
import { FairPositionRow, JobFairRow } from '../read-model/employment.entities.js';
import { IsCalendarDate } from '../validators.js';

export class ListJobFairsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '举办日期起（含） / Held on or after (YYYY-MM-DD)', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: '举办日期止（含） / Held on or before (YYYY-MM-DD)', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位 / Only this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export interface JobFairView {
  id: string;
  name: string;
  heldOn: string;
  place: string;
  organiser: string;
  unitId: string;
  unitName: string | null;
  /** Openings offered in all (the sum of every position's count), and by how many employers. */
  positionsOffered: number;
  employers: number;
  positions: { id: string; employer: string; position: string; count: number }[];
  revision: number;
}

export class ListJobFairsQuery extends Query<Page<JobFairView>> {
  constructor(
    readonly filter: ListJobFairsQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetJobFairQuery extends Query<JobFairView> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListJobFairsQuery)
export class ListJobFairsHandler implements IQueryHandler<ListJobFairsQuery> {
  constructor(@InjectRepository(JobFairRow) private readonly fairs: Repository<JobFairRow>) {}

  async execute({ filter, actor }: ListJobFairsQuery): Promise<Page<JobFairView>> {
    const query = this.fairs.createQueryBuilder('f').where(`f.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor));
    if (filter.unitId) query.andWhere(`f.unit_id IN ${unitsInScopeSql(':unitId')}`, { unitId: filter.unitId });
    if (filter.from) query.andWhere('f.held_on >= :from', { from: filter.from });
    if (filter.to) query.andWhere('f.held_on <= :to', { to: filter.to });
    const [rows, total] = await query
      .orderBy('f.held_on', 'DESC')
      .addOrderBy('f.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: await viewsOf(this.fairs, rows), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetJobFairQuery)
export class GetJobFairHandler implements IQueryHandler<GetJobFairQuery> {
  constructor(@InjectRepository(JobFairRow) private readonly fairs: Repository<JobFairRow>) {}

  async execute({ id, actor }: GetJobFairQuery): Promise<JobFairView> {
    const row = await this.fairs
      .createQueryBuilder('f')
      .where('f.id = :id', { id })
      .andWhere(`f.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor))
      .getOne();
    if (!row) throw new DomainError('EMPLOYMENT.FAIR_NOT_FOUND', 'not_found', `No job fair ${id}`);
    return (await viewsOf(this.fairs, [row]))[0];
  }
}

async function viewsOf(fairs: Repository<JobFairRow>, rows: JobFairRow[]): Promise<JobFairView[]> {
  if (!rows.length) return [];
  const positions = await fairs.manager
    .createQueryBuilder(FairPositionRow, 'p')
    .where('p.fair_id IN (:...ids)', { ids: rows.map((row) => row.id) })
    .orderBy('p.employer')
    .addOrderBy('p.position')
    .getMany();
  const names = await unitNamesOf(fairs.manager, rows.map((row) => row.unitId));
  return rows.map((row) => {
    const offered = positions.filter((position) => position.fairId === row.id);
    return {
      id: row.id,
      name: row.name,
      heldOn: row.heldOn,
      place: row.place,
      organiser: row.organiser,
      unitId: row.unitId,
      unitName: names.get(row.unitId) ?? null,
      positionsOffered: offered.reduce((sum, position) => sum + position.count, 0),
      employers: new Set(offered.map((position) => position.employer)).size,
      positions: offered.map(({ id, employer, position, count }) => ({ id, employer, position, count })),
      revision: Number(row.revision),
    };
  });
}
