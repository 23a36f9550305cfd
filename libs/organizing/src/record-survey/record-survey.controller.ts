import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { RecordSurveyDto } from './record-survey.dto.js';
import { RecordSurveyCommand } from './record-survey.handler.js';

@ApiTags('enterprises')
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; a stale one gets 412' })
@Controller('enterprises')
export class RecordSurveyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/surveys')
  @Allow(...CASEWORK)
  @HttpCode(201)
  async record(
    @IdParam() id: string,
    @Body() body: RecordSurveyDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision } = await this.commands.execute(new RecordSurveyCommand(id, body, actor, meta, expectedRevision));
    response.setHeader('ETag', etagFor(revision));
    return { id, revision: Number(revision) };
  }
}
