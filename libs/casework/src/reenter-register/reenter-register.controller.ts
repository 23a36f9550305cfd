import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { fileWritten, IF_MATCH_HEADER } from '../hardship-files/file-command.http.js';
import { ReenterRegisterDto } from './reenter-register.dto.js';
import { ReenterRegisterCommand } from './reenter-register.handler.js';

@ApiTags('hardship-files')
@ApiHeader(IF_MATCH_HEADER)
@Controller('hardship-files')
export class ReenterRegisterController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reentry')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '重新纳入档案 / Put the file back on the register' })
  async handle(
    @IdParam() id: string,
    @Body() body: ReenterRegisterDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileWritten(response, await this.commands.execute(new ReenterRegisterCommand(id, body, actor, meta, expectedRevision)));
  }
}
