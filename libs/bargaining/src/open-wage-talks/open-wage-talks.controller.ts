import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, Meta, type Actor, type RequestMeta } from '#http';
import { OpenWageTalksDto } from './open-wage-talks.dto.js';
import { OpenWageTalksCommand } from './open-wage-talks.handler.js';

@ApiTags('wage-talks')
@Controller('wage-talks')
export class OpenWageTalksController {
  constructor(private readonly commands: CommandBus) {}

  /** 发出工资集体协商要约: opens the talks (WageTalksOpened). */
  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Opened; Location names the new talks' })
  async open(@Body() body: OpenWageTalksDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new OpenWageTalksCommand(body, actor, meta));
    response.location(`/api/wage-talks/${result.talksId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.talksId, revision: Number(result.revision), position: result.position };
  }
}
