import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { CompleteTrainingDto, DropOutOfTrainingDto, EnrolInTrainingDto } from './record-training.dto.js';
import { EnrolInTrainingCommand, FinishTrainingCommand } from './record-training.handler.js';

@ApiTags('job-seekers')
@ApiHeader({ name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
@Controller('job-seekers')
export class RecordTrainingController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/trainings')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '登记参加培训 / Enrol the seeker in a training course' })
  async enrol(
    @IdParam() id: string,
    @Body() body: EnrolInTrainingDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision, trainingId } = await this.commands.execute(new EnrolInTrainingCommand({ seekerId: id, actor, meta, expectedRevision }, body));
    response.setHeader('ETag', etagFor(revision));
    return { id, trainingId, revision: Number(revision) };
  }

  @Post(':id/trainings/:trainingId/completion')
  @Allow(...CASEWORK)
  @HttpCode(200)
  @ApiOperation({ summary: '登记培训结业 / Record that the seeker completed the course' })
  async complete(
    @IdParam() id: string,
    @IdParam('trainingId') trainingId: string,
    @Body() body: CompleteTrainingDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const target = { seekerId: id, actor, meta, expectedRevision };
    const { revision } = await this.commands.execute(new FinishTrainingCommand(target, trainingId, { completed: body }));
    response.setHeader('ETag', etagFor(revision));
    return { id, trainingId, revision: Number(revision) };
  }

  @Post(':id/trainings/:trainingId/drop-out')
  @Allow(...CASEWORK)
  @HttpCode(200)
  @ApiOperation({ summary: '登记中途退出培训 / Record that the seeker left the course before the end' })
  async dropOut(
    @IdParam() id: string,
    @IdParam('trainingId') trainingId: string,
    @Body() body: DropOutOfTrainingDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const target = { seekerId: id, actor, meta, expectedRevision };
    const { revision } = await this.commands.execute(new FinishTrainingCommand(target, trainingId, { droppedOut: body }));
    response.setHeader('ETag', etagFor(revision));
    return { id, trainingId, revision: Number(revision) };
  }
}
