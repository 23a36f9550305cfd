import { Body, Controller, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentActor, IdParam, Idempotency, Meta, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { IDEMPOTENCY_KEY_DOC } from '../propose-aid/propose-aid.controller.js';
import { sendWritten } from '../writing/send-written.js';
import { ApprovalThresholdDto, EstablishProgrammeDto } from './establish-programme.dto.js';
import { CloseProgrammeCommand, EstablishProgrammeCommand, SetApprovalThresholdCommand } from './establish-programme.handlers.js';

@ApiTags('aid-programmes')
@Controller('aid-programmes')
export class AidProgrammesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '设立年度帮扶项目及其规则 / Establish a programme for a unit and year, with its rules' })
  @ApiCreatedResponse({ description: '已设立 / Established' })
  async establish(@Body() body: EstablishProgrammeDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Idempotency() idempotent: IdempotentRequest | undefined, @Res({ passthrough: true }) response: Response) {
    return sendWritten(response, await this.commands.execute(new EstablishProgrammeCommand(body, actor, meta, idempotent)));
  }

  @Post(':id/closing')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: '结束项目，不再受理申请 / Close a programme to new proposals' })
  @ApiOkResponse({ description: '已结束 / Closed' })
  async close(@IdParam() programmeId: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return sendWritten(response, await this.commands.execute(new CloseProgrammeCommand(programmeId, actor, meta)));
  }
}

@ApiTags('aid-programmes')
@Controller('aid-policies')
export class AidPoliciesController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/approval-threshold')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({ summary: '设定单位的救助审批限额 / Set the amount above which a unit’s grants need a supervisor' })
  @ApiOkResponse({ description: '已设定 / Set' })
  async setThreshold(@IdParam() unitId: string, @Body() body: ApprovalThresholdDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) response: Response) {
    return sendWritten(response, await this.commands.execute(new SetApprovalThresholdCommand(unitId, body, actor, meta)));
  }
}
