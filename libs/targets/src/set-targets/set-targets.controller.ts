import { Body, Controller, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { YearParam } from '../year-param.js';
import { SetTargetsDto, WithdrawTargetsDto } from './set-targets.dto.js';
import { ChangeTargetsCommand, type TargetsWritten } from './set-targets.handler.js';

const IF_MATCH = { name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' };

function written(result: TargetsWritten, response: Response) {
  if (result.revision >= 0n) response.setHeader('ETag', etagFor(result.revision));
  return { unitId: result.unitId, year: result.year, revision: Number(result.revision), position: result.position, changed: result.changed };
}

/** 目标任务: the targets a unit is given for a year, set by an admin above or at it. */
@ApiTags('targets')
@Controller('units/:unitId/targets/:year')
export class SetTargetsController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @Allow('admin')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      '设定单位年度目标（可一次多项；值未变则不记录） / Set a unit’s targets for a year: several at once, all or none; an unchanged value records nothing',
  })
  @ApiOkResponse({ description: '已设定；changed 列出本次改变的指标 / Set; `changed` lists the metrics this request changed' })
  async set(
    @IdParam('unitId') unitId: string,
    @YearParam() year: number,
    @Body() body: SetTargetsDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'SetTargets' as const, data: { unitId, year, targets: body.targets } };
    return written(await this.commands.execute(new ChangeTargetsCommand(command, actor, meta, expectedRevision)), response);
  }

  @Post('withdrawals')
  @Allow('admin')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: '撤销单位年度目标 / Withdraw targets of a unit for a year; one not set is left as it is' })
  @ApiOkResponse({ description: '已撤销；changed 列出本次撤销的指标 / Withdrawn; `changed` lists the metrics withdrawn' })
  async withdraw(
    @IdParam('unitId') unitId: string,
    @YearParam() year: number,
    @Body() body: WithdrawTargetsDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = { type: 'WithdrawTargets' as const, data: { unitId, year, metrics: body.metrics, ...(body.reason ? { reason: body.reason } : {}) } };
    return written(await this.commands.execute(new ChangeTargetsCommand(command, actor, meta, expectedRevision)), response);
  }
}
