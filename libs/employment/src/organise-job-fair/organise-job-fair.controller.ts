import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { OfferPositionDto, OrganiseJobFairDto } from './organise-job-fair.dto.js';
import { OfferPositionCommand, OrganiseJobFairCommand } from './organise-job-fair.handler.js';

@ApiTags('job-fairs')
@Controller('job-fairs')
export class OrganiseJobFairController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '登记招聘会及提供的岗位 / Record a job fair and the positions offered at it' })
  async organise(
    @Body() body: OrganiseJobFairDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new OrganiseJobFairCommand(body, actor, meta));
    response.location(`/api/job-fairs/${result.fairId}`).setHeader('ETag', etagFor(result.revision));
    return { id: result.fairId, positionIds: result.positionIds, revision: Number(result.revision), position: result.position };
  }

  @Post(':id/positions')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiHeader({ name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
  @ApiOperation({ summary: '增加招聘会岗位 / Add a position offered at the fair' })
  async offer(
    @IdParam() id: string,
    @Body() body: OfferPositionDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute(new OfferPositionCommand(id, body, actor, meta, expectedRevision));
    response.setHeader('ETag', etagFor(result.revision));
    return { id, positionId: result.positionIds[0], revision: Number(result.revision), position: result.position };
  }
}
