import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { fileWritten, IF_MATCH_HEADER } from '../hardship-files/file-command.http.js';
import { ReviewFileDto } from './review-file.dto.js';
import { ReviewFileCommand } from './review-file.handler.js';

@ApiTags('hardship-files')
@ApiHeader(IF_MATCH_HEADER)
@Controller('hardship-files')
export class ReviewFileController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reviews')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '动态管理复核 / Record a scheduled review' })
  async handle(
    @IdParam() id: string,
    @Body() body: ReviewFileDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileWritten(response, await this.commands.execute(new ReviewFileCommand(id, body, actor, meta, expectedRevision)));
  }
}
