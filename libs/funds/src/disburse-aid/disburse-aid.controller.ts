import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, Idempotency, IfMatchRevision, Meta, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { IDEMPOTENCY_KEY_DOC } from '../propose-aid/propose-aid.controller.js';
import { sendWritten } from '../writing/send-written.js';
import { DisburseAidDto } from './disburse-aid.dto.js';
import { DisburseAidCommand } from './disburse-aid.handler.js';

@ApiTags('aid-grants')
@Controller('aid-grants/:id')
export class DisburseAidController {
  constructor(private readonly commands: CommandBus) {}

  @Post('disbursement')
  @Allow(...CASEWORK)
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '发放救助并登记收据 / Pay a grant out and record its receipt' })
  @ApiOkResponse({ description: '已发放 / Disbursed' })
  async disburse(
    @IdParam() grantId: string,
    @Body() body: DisburseAidDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new DisburseAidCommand(grantId, body, actor, meta, idempotent, expectedRevision)));
  }
}
