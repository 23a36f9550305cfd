import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, Meta, type Actor, type RequestMeta } from '#http';
import { RegisterEnterpriseDto } from './register-enterprise.dto.js';
import { RegisterEnterpriseCommand } from './register-enterprise.handler.js';

@ApiTags('enterprises')
@Controller('enterprises')
export class RegisterEnterpriseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Registered; Location names the new enterprise' })
  async register(
    @Body() body: RegisterEnterpriseDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new RegisterEnterpriseCommand(body, actor, meta));
    response.location(`/api/enterprises/${result.enterpriseId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.enterpriseId, revision: Number(result.revision), position: result.position };
  }
}
