import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { Optional, PageQueryDto, type Actor, type Page, type RequestMeta } from '#http';
import { AccessAudit, unitsInScopeSql } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { DomainError } from '#shared-kernel';
import type { AidProposed } from '../aid-grant.decider.js';
import { aidGrantStreamName } from '../funds.streams.js';
import type { AdmissionPersonalData } from '../funds.vocabulary.js';
import { GRANT_STATUSES, selectGrants, type GrantStatus, type GrantView } from './grant-views.js';

export const GRANT_RECORD_TYPE = 'aid_grant';

export function grantNotFound(grantId: string): DomainError {
  return new DomainError('AID.GRANT_NOT_FOUND', 'not_found', `No aid grant ${grantId}`);
}

export class ListGrantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: GRANT_STATUSES, description: '状态；proposed 为待审批队列 / Status; proposed is the approval queue' })
  @Optional()
  @IsIn(GRANT_STATUSES)
  status?: GrantStatus;

  @ApiPropertyOptional({ format: 'uuid', description: '帮扶项目 / Aid programme' })
  @Optional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '经费账户 / Fund the grant is paid from' })
  @Optional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '困难职工档案 / Hardship file the grant is for' })
  @Optional()
  @IsUUID()
  fileId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位的个案 / Only cases of this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    enum: ['true'],
    description: '只看待我审批的申请（项目属我所在单位或下级，且非本人提出） / Only proposals I may approve: of programmes of my units, not proposed by me',
  })
  @Optional()
  @IsIn(['true'])
  awaitingMyApproval?: 'true';
}

export class ListGrantsQuery extends Query<Page<GrantView>> {
  constructor(
    readonly filter: ListGrantsQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Grants of cases in the caller's units. The proposals waiting for a supervisor come oldest first; other lists newest first. */
@QueryHandler(ListGrantsQuery)
export class ListGrantsHandler implements IQueryHandler<ListGrantsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, actor }: ListGrantsQuery): Promise<Page<GrantView>> {
    const params: unknown[] = [actor.unitId];
    const clauses = [`g.unit_id IN ${unitsInScopeSql('$1')}`];
    if (filter.unitId) clauses.push(`g.unit_id IN ${unitsInScopeSql(`$${params.push(filter.unitId)}`)}`);
    if (filter.status) clauses.push(`g.status = $${params.push(filter.status)}::text`);
    if (filter.programmeId) clauses.push(`g.programme_id = $${params.push(filter.programmeId)}::uuid`);
    if (filter.fundId) clauses.push(`g.fund_id = $${params.push(filter.fundId)}::uuid`);
    if (filter.fileId) clauses.push(`g.file_id = $${params.push(filter.fileId)}::uuid`);
    if (filter.awaitingMyApproval) {
      clauses.push(`g.status = 'proposed'`, `g.proposed_by <> $${params.push(actor.userId)}::text`);
      clauses.push(`g.programme_id IN (SELECT p.id FROM read_model.aid_programmes p WHERE p.unit_id IN ${unitsInScopeSql('$1')})`);
    }
    const queue = filter.status === 'proposed' || filter.awaitingMyApproval;
    const order = queue ? 'g.proposed_at, g.id' : 'g.proposed_at DESC, g.id';
    const { items, total } = await selectGrants(this.db.manager, clauses.join(' AND '), params, order, filter);
    return { items, page: filter.page, pageSize: filter.pageSize, total };
  }
}

export interface GrantDetail extends GrantView {
  /** Why the household needs it, opened from the sealed proposal; null once the person is erased. */
  reason: Record<string, unknown> | null;
  /** The student an education grant is for, opened from the proposal; null without an admission or once erased. */
  studentName: string | null;
}

export class GetGrantQuery extends Query<GrantDetail> {
  constructor(
    readonly grantId: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/**
 * One grant with every step and the events behind it, and the proposal's sealed reason opened. The reason is
 * personal data, so the read is recorded in the access log first; if it cannot be, nothing is shown.
 */
@QueryHandler(GetGrantQuery)
export class GetGrantHandler implements IQueryHandler<GetGrantQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ grantId, actor, meta }: GetGrantQuery): Promise<GrantDetail> {
    const {
      items: [grant],
    } = await selectGrants(this.db.manager, `g.id = $2::uuid AND g.unit_id IN ${unitsInScopeSql('$1')}`, [actor.unitId, grantId], 'g.id', null);
    if (!grant) throw grantNotFound(grantId);
    const [first] = await this.store.readStream(aidGrantStreamName(grantId), { maxCount: 1 });
    const proposal = first?.type === 'AidProposed' ? (first.data as unknown as AidProposed['data']) : null;
    await this.audit.personalRecordRead(actor, meta, { recordType: GRANT_RECORD_TYPE, recordId: grantId, unitId: grant.unitId });
    const reason = proposal && !grant.recipient.personalDataErased ? await this.vault.open<Record<string, unknown>>(proposal.reason) : null;
    const student = proposal?.admission && !grant.recipient.personalDataErased ? await this.vault.open<AdmissionPersonalData>(proposal.admission.student) : null;
    return { ...grant, reason, studentName: student?.studentName ?? null };
  }
}
