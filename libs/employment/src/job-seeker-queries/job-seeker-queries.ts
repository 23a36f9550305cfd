import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EventStore } from '#event-store';
import { PageQueryDto, type Actor, type Page, type RequestMeta } from '#http';
import { AccessAudit, scopeParameters, unitNamesOf, unitsInScopeSql } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { DomainError } from '#shared-kernel';
import { jobSeekerStreamName } from '../employment.streams.js';
import { SEEKER_KINDS, SEEKER_STATUSES, type SeekerKind, type SeekerStatus } from '../employment.vocabulary.js';
import type { JobSeekerRegistered, SeekerPersonalFields } from '../job-seeker.decider.js';
import { JobSeekerRow, SeekerReferralRow, SeekerRegistrationRow, SeekerRehiringRow, SeekerTrainingRow } from '../read-model/employment.entities.js';
import { Trim } from '../validators.js';

export class ListJobSeekersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SEEKER_STATUSES, description: '状态：已登记、培训中、已推荐、已再就业 / Status: registered, in training, referred, rehired' })
  @IsOptional()
  @IsIn(SEEKER_STATUSES)
  status?: SeekerStatus;

  @ApiPropertyOptional({ enum: SEEKER_KINDS, description: '类别 / Kind of seeker' })
  @IsOptional()
  @IsIn(SEEKER_KINDS)
  kind?: SeekerKind;

  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位 / Only this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: '姓名中的字 / Part of the name' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  search?: string;

  @ApiPropertyOptional({ description: '具备的技能（完全一致） / A skill the seeker has (exact)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  skill?: string;
}

export interface JobSeekerListItem {
  id: string;
  /** null once the person's data is erased. */
  name: string | null;
  phoneMasked: string | null;
  residentIdMasked: string | null;
  skills: string[] | null;
  personalDataErased: boolean;
  kind: string;
  gender: string;
  unitId: string;
  unitName: string | null;
  status: string;
  cycle: number;
  registeredOn: string;
  rehiredOn: string | null;
  openTrainings: number;
  openReferrals: number;
  revision: number;
}

function toListItem(row: JobSeekerRow, unitNames: ReadonlyMap<string, string>): JobSeekerListItem {
  return {
    id: row.id,
    name: row.name,
    phoneMasked: row.phoneMasked,
    residentIdMasked: row.residentIdMasked,
    skills: row.skills,
    personalDataErased: row.personalDataErased,
    kind: row.kind,
    gender: row.gender,
    unitId: row.unitId,
    unitName: unitNames.get(row.unitId) ?? null,
    status: row.status,
    cycle: row.cycle,
    registeredOn: row.registeredOn,
    rehiredOn: row.rehiredOn,
    openTrainings: row.openTrainings,
    openReferrals: row.openReferrals,
    revision: Number(row.revision),
  };
}

export interface JobSeekerDetail extends JobSeekerListItem {
  personId: string;
  firstRegisteredOn: string;
  /** Opened from the sealed registration; every one null once the person is erased. */
  phone: string | null;
  residentId: string | null;
  wantedWork: string | null;
  notes: string | null;
  trainings: Omit<SeekerTrainingRow, 'seekerId' | 'unitId'>[];
  referrals: Omit<SeekerReferralRow, 'seekerId' | 'unitId'>[];
  /** Each registration cycle, oldest first, with the job that ended it. */
  cycles: { cycle: number; kind: string; registeredOn: string; lostJobOn: string | null; jobLossReason: string | null; rehiring: RehiringView | null }[];
}

type RehiringView = Pick<SeekerRehiringRow, 'employer' | 'position' | 'startedOn' | 'channel' | 'referralId' | 'fairId'>;

export class ListJobSeekersQuery extends Query<Page<JobSeekerListItem>> {
  constructor(
    readonly filter: ListJobSeekersQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetJobSeekerQuery extends Query<JobSeekerDetail> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@QueryHandler(ListJobSeekersQuery)
export class ListJobSeekersHandler implements IQueryHandler<ListJobSeekersQuery> {
  constructor(@InjectRepository(JobSeekerRow) private readonly seekers: Repository<JobSeekerRow>) {}

  async execute({ filter, actor }: ListJobSeekersQuery): Promise<Page<JobSeekerListItem>> {
    const query = this.seekers.createQueryBuilder('s').where(`s.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor));
    if (filter.unitId) query.andWhere(`s.unit_id IN ${unitsInScopeSql(':unitId')}`, { unitId: filter.unitId });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.skill) query.andWhere(':skill = ANY(s.skills)', { skill: filter.skill });
    if (filter.search) {
      query.andWhere('s.name ILIKE :pattern', { pattern: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const [rows, total] = await query
      .orderBy('s.registered_on', 'DESC')
      .addOrderBy('s.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    const names = await unitNamesOf(this.seekers.manager, rows.map((row) => row.unitId));
    return { items: rows.map((row) => toListItem(row, names)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

/**
 * A seeker's full record. The phone, ID number, wanted work and notes are opened from the sealed registration in
 * the log (the read model keeps none of them), and the reading is recorded in the access log before it is shown.
 */
@QueryHandler(GetJobSeekerQuery)
export class GetJobSeekerHandler implements IQueryHandler<GetJobSeekerQuery> {
  constructor(
    @InjectRepository(JobSeekerRow) private readonly seekers: Repository<JobSeekerRow>,
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ id, actor, meta }: GetJobSeekerQuery): Promise<JobSeekerDetail> {
    const row = await this.seekers
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .andWhere(`s.unit_id IN ${unitsInScopeSql(':scopeUnitId')}`, scopeParameters(actor))
      .getOne();
    if (!row) throw new DomainError('EMPLOYMENT.SEEKER_NOT_FOUND', 'not_found', `No job seeker ${id}`);
    const manager = this.seekers.manager;
    const [trainings, referrals, registrations, rehirings, names, fields] = await Promise.all([
      manager.find(SeekerTrainingRow, { where: { seekerId: id }, order: { startsOn: 'ASC', id: 'ASC' } }),
      manager.find(SeekerReferralRow, { where: { seekerId: id }, order: { referredOn: 'ASC', id: 'ASC' } }),
      manager.find(SeekerRegistrationRow, { where: { seekerId: id }, order: { cycle: 'ASC' } }),
      manager.find(SeekerRehiringRow, { where: { seekerId: id } }),
      unitNamesOf(manager, [row.unitId]),
      this.personalFields(id, row.personalDataErased),
    ]);
    if (fields) await this.audit.personalRecordRead(actor, meta, { recordType: 'job_seeker', recordId: id, unitId: row.unitId });
    const item = toListItem(row, names);
    return {
      ...item,
      // The read model may still show the name of a person erased a moment ago; the vault has the last word.
      ...(fields ? {} : { name: null, phoneMasked: null, residentIdMasked: null, skills: null, personalDataErased: true }),
      personId: row.personId,
      firstRegisteredOn: row.firstRegisteredOn,
      phone: fields?.phone ?? null,
      residentId: fields?.residentId ?? null,
      wantedWork: fields?.wantedWork ?? null,
      notes: fields?.notes ?? null,
      trainings: trainings.map(({ seekerId: _s, unitId: _u, ...training }) => training),
      referrals: referrals.map(({ seekerId: _s, unitId: _u, ...referral }) => referral),
      cycles: registrations.map((registration) => {
        const rehiring = rehirings.find((candidate) => candidate.cycle === registration.cycle);
        return {
          cycle: registration.cycle,
          kind: registration.kind,
          registeredOn: registration.registeredOn,
          lostJobOn: registration.lostJobOn,
          jobLossReason: registration.jobLossReason,
          rehiring: rehiring
            ? {
                employer: rehiring.employer,
                position: rehiring.position,
                startedOn: rehiring.startedOn,
                channel: rehiring.channel,
                referralId: rehiring.referralId,
                fairId: rehiring.fairId,
              }
            : null,
        };
      }),
    };
  }

  private async personalFields(seekerId: string, erased: boolean): Promise<SeekerPersonalFields | null> {
    if (erased) return null;
    const [first] = await this.store.readStream(jobSeekerStreamName(seekerId), { maxCount: 1 });
    if (first?.type !== 'JobSeekerRegistered') return null;
    return this.vault.open<SeekerPersonalFields>((first.data as unknown as JobSeekerRegistered['data']).personal);
  }
}
