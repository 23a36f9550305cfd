import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { RecordRehiringDto } from './record-rehiring.dto.js';
import { RecordRehiringCommand } from './record-rehiring.handler.js';

@ApiTags('job-seekers')
@ApiHeader({ name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
@Controller('job-seekers')
export class RecordRehiringController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rehiring')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '登记实现再就业 / Record that the worker was rehired (WorkerRehired)' })
  async rehire(
    @IdParam() id: string,
    @Body() body: RecordRehiringDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision } = await this.commands.execute(new RecordRehiringCommand(id, body, actor, meta, expectedRevision));
    response.setHeader('ETag', etagFor(revision));
    return { id, revision: Number(revision) };
  }
}
