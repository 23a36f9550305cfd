import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { etagFor, IfMatchRevision, Meta, type RequestMeta } from '#http';
import { RecordSurveyDto } from './record-survey.dto.js';
import { RecordSurveyCommand } from './record-survey.handler.js';

@ApiTags('enterprises')
@ApiHeader({ name: 'X-Actor', required: true })
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; a stale one gets 412' })
@Controller('enterprises')
export class RecordSurveyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/surveys')
  @HttpCode(201)
  async record(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordSurveyDto,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision } = await this.commands.execute(new RecordSurveyCommand(id, body, meta, expectedRevision));
    response.setHeader('ETag', etagFor(revision));
    return { id, revision: Number(revision) };
  }
}
