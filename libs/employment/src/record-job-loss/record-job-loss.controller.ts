import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { RecordJobLossDto } from './record-job-loss.dto.js';
import { RecordJobLossCommand } from './record-job-loss.handler.js';

@ApiTags('job-seekers')
@ApiHeader({ name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
@Controller('job-seekers')
export class RecordJobLossController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/job-loss')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '再就业后失业，重新登记 / The rehired worker lost the job: register them again' })
  async record(
    @IdParam() id: string,
    @Body() body: RecordJobLossDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision } = await this.commands.execute(new RecordJobLossCommand(id, body, actor, meta, expectedRevision));
    response.setHeader('ETag', etagFor(revision));
    return { id, revision: Number(revision) };
  }
}
