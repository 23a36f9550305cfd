import { Controller, Get } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, formatPosition, type JsonValue } from '#event-store';
import { Allow, CASEWORK_READERS, CurrentActor, IdParam, Meta, type Actor, type RequestMeta } from '#http';
import { AccessAudit, UnitDirectory } from '#identity';
import { PersonalDataVault } from '#personal-data';
import { DomainError } from '#shared-kernel';
import { hardshipFileStreamName } from '../casework.streams.js';
import type { Sealed } from '../casework.vocabulary.js';
import { RECORD_TYPE } from '../file-queries/file-queries.js';

export interface TimelineEntry {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  position: string;
  actor: { userId: string; displayName: string | null };
  /** The event's data, with every sealed part opened, or null where the person has been erased. */
  data: Record<string, unknown>;
  personalDataErased: boolean;
}

export class FileTimelineQuery extends Query<TimelineEntry[]> {
  constructor(
    readonly fileId: string,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 2 &&
  typeof (value as Sealed).personId === 'string' &&
  typeof (value as Sealed).sealed === 'string';

/**
 * Every event of a file, oldest first: what was done, when, by whom, with the sealed parts opened. It shows the
 * worker's personal data, so the read is recorded in the access log first.
 */
@QueryHandler(FileTimelineQuery)
export class FileTimelineHandler implements IQueryHandler<FileTimelineQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly units: UnitDirectory,
    private readonly vault: PersonalDataVault,
    private readonly audit: AccessAudit,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async execute({ fileId, actor, meta }: FileTimelineQuery): Promise<TimelineEntry[]> {
    const events = await this.store.readStream(hardshipFileStreamName(fileId));
    const unitId = events[0]?.data.unitId;
    if (typeof unitId !== 'string' || !(await this.units.isInScope(actor, unitId))) {
      throw new DomainError('CASEWORK.FILE_NOT_FOUND', 'not_found', `No hardship file ${fileId}`);
    }
    await this.audit.personalRecordRead(actor, meta, { recordType: RECORD_TYPE, recordId: fileId, unitId });
    const actorIds = [...new Set(events.map((event) => event.metadata.actor))];
    const accounts: { id: string; display_name: string }[] = await this.db.query(
      `SELECT id::text, display_name FROM read_model.accounts WHERE id::text = ANY($1::text[])`,
      [actorIds],
    );
    const names = new Map(accounts.map((account) => [account.id, account.display_name]));
    const worker = events[0].data.worker;
    const erased = isSealed(worker) && (await this.vault.isErased(worker.personId));
    return Promise.all(
      events.map(async (event) => {
        const data: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(event.data)) {
          data[key] = isSealed(value) ? (erased ? null : await this.vault.open<Record<string, JsonValue>>(value)) : value;
        }
        return {
          revision: Number(event.revision),
          type: event.type,
          occurredAt: event.metadata.occurredAt,
          recordedAt: event.recordedAt.toISOString(),
          position: formatPosition(event.position),
          actor: { userId: event.metadata.actor, displayName: names.get(event.metadata.actor) ?? null },
          data,
          personalDataErased: erased,
        };
      }),
    );
  }
}

@ApiTags('hardship-files')
@Controller('hardship-files')
export class FileTimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/timeline')
  @Allow(...CASEWORK_READERS)
  @ApiOperation({ summary: '档案时间线（记录查阅） / Every event of the file, oldest first; the read is recorded' })
  @ApiOkResponse({ description: '每一步：何事、何时、何人；已删除的个人信息为 null / Each step: what, when, who; erased personal data is null' })
  timeline(@IdParam() id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    return this.queries.execute(new FileTimelineQuery(id, actor, meta));
  }
}
