import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { etagFor, Meta, type RequestMeta } from '#http';
import { RegisterEnterpriseDto } from './register-enterprise.dto.js';
import { RegisterEnterpriseCommand } from './register-enterprise.handler.js';

@ApiTags('enterprises')
@ApiHeader({ name: 'X-Actor', required: true, description: 'The acting user (until sign-in exists)' })
@Controller('enterprises')
export class RegisterEnterpriseController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'Registered; Location names the new enterprise' })
  async register(@Body() body: RegisterEnterpriseDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    const result = await this.commands.execute(new RegisterEnterpriseCommand(body, meta));
    response.location(`/api/enterprises/${result.enterpriseId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.enterpriseId, revision: Number(result.revision), position: result.position };
  }
}
