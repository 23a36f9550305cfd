import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { PageQueryDto, type Actor, type Page, type RequestMeta } from '#http';
import { AccessAudit } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { Clock, DomainError, shanghaiDate } from '#shared-kernel';
import { hardshipFileStreamName } from '../casework.streams.js';
import type { WorkerPersonalData } from '../casework.vocabulary.js';
import type { HardshipFileOpened } from '../hardship-file.decider.js';
import { IsResidentId, TrimUpperCase, Optional } from '../validators.js';
import { selectSummaries, SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type FileDetail, type FileSummary, type SummaryRow } from './file-views.js';
import { registerWhere, RegisterFilterDto } from './register-filter.js';

export const RECORD_TYPE = 'hardship_file';

export class ListFilesQuery extends Query<Page<FileSummary>> {
  constructor(
    readonly filter: RegisterFilterDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListFilesQuery)
export class ListFilesHandler implements IQueryHandler<ListFilesQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListFilesQuery): Promise<Page<FileSummary>> {
    const { where, params } = registerWhere(filter, actor);
    const { rows, total } = await selectSummaries(this.db.manager, where, params, filter);
    const today = shanghaiDate(this.clock.now());
    return { items: rows.map((row) => toSummary(row, today)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

/** The ID number travels in a POST body, never in a URL: paths are logged, and an ID number is personal data. */
export class SearchByResidentIdDto {
  @ApiProperty({ example: '11010519491231002X', description: '公民身份号码 / Resident ID number to look for' })
  @TrimUpperCase()
  @IsResidentId()
  residentId: string;
}

export class SearchByResidentIdQuery extends Query<Page<FileSummary>> {
  constructor(
    readonly residentId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Every file of the person with this ID number, in the caller's units, found through the vault's keyed hash. */
@QueryHandler(SearchByResidentIdQuery)
export class SearchByResidentIdHandler implements IQueryHandler<SearchByResidentIdQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
  ) {}

  async execute({ residentId, actor }: SearchByResidentIdQuery): Promise<Page<FileSummary>> {
    const personId = await this.vault.findByResidentId(residentId);
    const empty = { items: [], page: 1, pageSize: 100, total: 0 };
    if (!personId) return empty;
    const { where, params } = registerWhere({}, actor, { personId });
    const { rows, total } = await selectSummaries(this.db.manager, where, params, { page: 1, pageSize: 100 }, 'f.opened_on DESC, f.id');
    const today = shanghaiDate(this.clock.now());
    return { ...empty, items: rows.map((row) => toSummary(row, today)), total };
  }
}

export class GetFileQuery extends Query<FileDetail> {
  constructor(
    readonly fileId: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * The full record, with the worker's personal data unsealed from the file's opening event. The read is recorded
 * in the access log before the record is returned; if it cannot be recorded, nothing is shown.
 */
@QueryHandler(GetFileQuery)
export class GetFileHandler implements IQueryHandler<GetFileQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async execute({ fileId, actor, meta }: GetFileQuery): Promise<FileDetail> {
    const { where, params } = registerWhere({}, actor);
    const [row]: SummaryRow[] = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE ${where} AND f.id = $2::uuid`, [...params, fileId]);
    if (!row) throw new DomainError('CASEWORK.FILE_NOT_FOUND', 'not_found', `No hardship file ${fileId}`);
    const [first] = await this.store.readStream(hardshipFileStreamName(fileId), { maxCount: 1 });
    const opened = first.data as unknown as HardshipFileOpened['data'];
    await this.audit.personalRecordRead(actor, meta, { recordType: RECORD_TYPE, recordId: fileId, unitId: row.unit_id });
    const worker = row.personal_data_erased ? null : await this.vault.open<WorkerPersonalData>(opened.worker);
    return {
      ...toSummary(row, shanghaiDate(this.clock.now())),
      personalDataErased: worker === null,
      name: worker?.name ?? null,
      residentIdMasked: worker ? row.resident_id_masked : null,
      phoneMasked: worker ? row.phone_masked : null,
      personId: opened.worker.personId,
      enterpriseId: row.enterprise_id,
      surveyedOn: row.surveyed_on,
      residentId: worker?.residentId ?? null,
      phone: worker?.phone ?? null,
      address: worker?.address ?? null,
      illnessDetails: worker?.illnessDetails ?? null,
      fiveClears: worker?.fiveClears ?? null,
    };
  }
}

export class ReviewsDueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 366, default: 30, description: '包括今后多少天内到期的复核 / Also list reviews due within this many days' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays: number = 30;

  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位 / Only this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export interface ReviewsDue extends Page<FileSummary & { daysOverdue: number }> {
  asOf: string;
  overdue: number;
}

export class ReviewsDueQuery extends Query<ReviewsDue> {
  constructor(
    readonly filter: ReviewsDueQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Open files whose review is past due or falls due soon, the most overdue first, as of today in Asia/Shanghai. */
@QueryHandler(ReviewsDueQuery)
export class ReviewsDueHandler implements IQueryHandler<ReviewsDueQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ReviewsDueQuery): Promise<ReviewsDue> {
    const today = shanghaiDate(this.clock.now());
    const { where, params } = registerWhere({ unitId: filter.unitId, status: 'open' }, actor);
    params.push(today, filter.withinDays);
    const due = `${where} AND f.next_review_due <= $${params.length - 1}::date + $${params.length}::int`;
    const { rows, total } = await selectSummaries(this.db.manager, due, params, filter, 'f.next_review_due, f.id');
    const [{ overdue }] = await this.db.query(
      `SELECT count(*)::int AS overdue FROM read_model.hardship_files f WHERE ${where} AND f.next_review_due < $${params.length - 1}::date`,
      params.slice(0, -1),
    );
    const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return {
      asOf: today,
      overdue,
      items: rows.map((row) => ({ ...toSummary(row, today), daysOverdue: Math.max(0, daysBetween(row.next_review_due!, today)) })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}
