import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentActor, Idempotency, IfMatchRevision, Meta, IdParam, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { IDEMPOTENCY_KEY_DOC } from '../propose-aid/propose-aid.controller.js';
import { sendWritten } from '../writing/send-written.js';
import { RejectAidDto } from './decide-proposal.dto.js';
import { ApproveAidCommand, RejectAidCommand } from './decide-proposal.handlers.js';

@ApiTags('aid-grants')
@Controller('aid-grants/:id')
export class DecideProposalController {
  constructor(private readonly commands: CommandBus) {}

  @Post('approval')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '审批通过救助申请并冻结资金（不得审批本人提出的申请） / Approve a proposal and reserve its amount; never one you proposed' })
  @ApiOkResponse({ description: '已批准 / Granted' })
  async approve(
    @IdParam() grantId: string,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new ApproveAidCommand(grantId, null, actor, meta, idempotent, expectedRevision)));
  }

  @Post('rejection')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '不予批准 / Decline a proposal' })
  @ApiOkResponse({ description: '已不予批准 / Declined' })
  async reject(
    @IdParam() grantId: string,
    @Body() body: RejectAidDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new RejectAidCommand(grantId, { reason: body.reason }, actor, meta, idempotent, expectedRevision)));
  }
}
