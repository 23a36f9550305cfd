import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, Idempotency, Meta, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { sendWritten } from '../writing/send-written.js';
import { ProposeAidDto } from './propose-aid.dto.js';
import { ProposeAidCommand } from './propose-aid.handler.js';

export const IDEMPOTENCY_KEY_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: '幂等键：同一请求重试时带同一键，不会重复记账 / Send the same key when retrying; the request is then never applied twice',
};

@ApiTags('aid-grants')
@Controller('aid-grants')
export class ProposeAidController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '提出救助（在审批限额内即批准并冻结资金） / Propose aid; within the approval threshold it is granted and reserved at once' })
  @ApiCreatedResponse({ description: '已提出或已批准；status 为 proposed 或 granted / Proposed or granted, as status says' })
  @ApiConflictResponse({ description: '资金不足、超出户年度限额或本轮已救助 / The fund cannot pay, the household cap is reached, or the household was helped in this campaign' })
  async propose(
    @Body() body: ProposeAidDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new ProposeAidCommand(body, actor, meta, idempotent)));
  }
}
