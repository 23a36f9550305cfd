import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { Allow, CurrentActor, PageQueryDto, type Actor, type Page } from '#http';
import { unitsInScopeSql } from '../units/unit-scope.js';
import { ACCESS_KINDS, type AccessKind } from './access-log.events.js';


export class ListAccessLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCESS_KINDS, description: '记录类型（登录、登录失败、查阅个人档案等） / Kind of entry (sign-in, failed sign-in, personal record read, …)' }) @IsOptional() @IsIn(ACCESS_KINDS) kind?: AccessKind;
  @ApiPropertyOptional({ format: 'uuid', description: '相关账号 / The account the entry is about' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '起始时间（含） / From this time (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '截止时间（不含） / Until this time (exclusive)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export interface AccessLogEntry {
  position: string;
  occurredAt: string;
  kind: string;
  actorId: string;
  actorUsername: string | null;
  userId: string | null;
  username: string | null;
  unitId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/**
 * Who signed in, failed to, was locked out, had their role changed, or opened a worker's record: newest first,
 * within the auditor's units. Sign-ins under unknown usernames belong to no unit; auditors at the top see them.
 */
@Injectable()
export class AccessLogQueries {
  constructor(@InjectDataSource() private readonly database: DataSource) {}

  async list(actor: Actor, filter: ListAccessLogQueryDto): Promise<Page<AccessLogEntry>> {
    const parameters: unknown[] = [actor.unitId];
    const conditions = [
      `(l.unit_id IN ${unitsInScopeSql('$1')}
        OR (l.unit_id IS NULL AND EXISTS (SELECT 1 FROM read_model.units top WHERE top.id = $1 AND top.parent_id IS NULL)))`,
    ];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (filter.kind) add((p) => `l.kind = ${p}`, filter.kind);
    if (filter.userId) add((p) => `l.user_id = ${p}`, filter.userId);
    if (filter.from) add((p) => `l.occurred_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `l.occurred_at < ${p}`, filter.to);
    const where = conditions.join(' AND ');
    const [{ total }] = await this.database.query(`SELECT count(*)::int AS total FROM read_model.access_log l WHERE ${where}`, parameters);
    const rows: {
      position: string;
      occurred_at: Date;
      kind: string;
      actor_id: string;
      actor_username: string | null;
      user_id: string | null;
      username: string | null;
      unit_id: string | null;
      ip: string | null;
      detail: Record<string, unknown>;
    }[] = await this.database.query(
      `SELECT l.*, actor.username AS actor_username, subject.username AS username
         FROM read_model.access_log l
         LEFT JOIN read_model.accounts actor ON actor.id::text = l.actor_id
         LEFT JOIN read_model.accounts subject ON subject.id = l.user_id
        WHERE ${where}
        ORDER BY l.occurred_at DESC, l.position DESC
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      parameters,
    );
    return {
      items: rows.map((row) => ({
        position: row.position,
        occurredAt: row.occurred_at.toISOString(),
        kind: row.kind,
        actorId: row.actor_id,
        actorUsername: row.actor_username,
        userId: row.user_id,
        username: row.username,
        unitId: row.unit_id,
        ip: row.ip,
        detail: row.detail,
      })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}

@ApiTags('access log')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly queries: AccessLogQueries) {}

  @Get()
  @Allow('auditor')
  @ApiOkResponse({ description: 'Access entries within the auditor\'s units, newest first' })
  list(@Query() filter: ListAccessLogQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.list(actor, filter);
  }
}
