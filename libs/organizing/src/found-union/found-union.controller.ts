import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, Meta, type Actor, type RequestMeta } from '#http';
import { FoundUnionDto } from './found-union.dto.js';
import { FoundUnionCommand } from './found-union.handler.js';

@ApiTags('unions')
@Controller('unions')
export class FoundUnionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  async found(
    @Body() body: FoundUnionDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new FoundUnionCommand(body, actor, meta));
    response.location(`/api/unions/${result.unionId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.unionId, revision: Number(result.revision), position: result.position };
  }
}
