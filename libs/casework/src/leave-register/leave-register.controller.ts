import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { fileWritten, IF_MATCH_HEADER } from '../hardship-files/file-command.http.js';
import { LeaveRegisterDto } from './leave-register.dto.js';
import { LeaveRegisterCommand } from './leave-register.handler.js';

@ApiTags('hardship-files')
@ApiHeader(IF_MATCH_HEADER)
@Controller('hardship-files')
export class LeaveRegisterController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/leaving')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '退出档案（脱困、解困、退休、调离、去世）/ Take the file off the register' })
  async handle(
    @IdParam() id: string,
    @Body() body: LeaveRegisterDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileWritten(response, await this.commands.execute(new LeaveRegisterCommand(id, body, actor, meta, expectedRevision)));
  }
}
