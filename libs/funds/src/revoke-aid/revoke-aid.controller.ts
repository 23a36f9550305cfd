import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, Idempotency, IfMatchRevision, Meta, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { IDEMPOTENCY_KEY_DOC } from '../propose-aid/propose-aid.controller.js';
import { ReverseAidCommand } from '../reverse-aid/reverse-aid.handler.js';
import { sendWritten } from '../writing/send-written.js';
import { ReasonDto } from './revoke-aid.dto.js';
import { RevokeAidCommand } from './revoke-aid.handler.js';

@ApiTags('aid-grants')
@Controller('aid-grants/:id')
export class CorrectAidController {
  constructor(private readonly commands: CommandBus) {}

  @Post('revocation')
  @Allow(...CASEWORK)
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '撤销未发放的申请或救助，释放冻结资金 / Revoke a proposal or an unpaid grant, releasing its reservation' })
  @ApiOkResponse({ description: '已撤销 / Revoked' })
  async revoke(
    @IdParam() grantId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new RevokeAidCommand(grantId, { reason: body.reason }, actor, meta, idempotent, expectedRevision)));
  }

  @Post('reversal')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '冲销已发放的救助（更正差错，资金退回） / Reverse a payment made in error; the amount returns to the fund' })
  @ApiOkResponse({ description: '已冲销 / Reversed' })
  async reverse(
    @IdParam() grantId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new ReverseAidCommand(grantId, { reason: body.reason }, actor, meta, idempotent, expectedRevision)));
  }
}
