import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, Meta, type Actor, type RequestMeta } from '#http';
import { RegisterJobSeekerDto } from './register-job-seeker.dto.js';
import { RegisterJobSeekerCommand } from './register-job-seeker.handler.js';

@ApiTags('job-seekers')
@Controller('job-seekers')
export class RegisterJobSeekerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '登记求职人员 / Register a job seeker' })
  @ApiCreatedResponse({ description: 'Registered; Location names the new job seeker' })
  async register(
    @Body() body: RegisterJobSeekerDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new RegisterJobSeekerCommand(body, actor, meta));
    response.location(`/api/job-seekers/${result.seekerId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.seekerId, revision: Number(result.revision), position: result.position };
  }
}
