import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentActor, IdParam, Idempotency, IfMatchRevision, Meta, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { OpenFundDto } from '../open-fund/open-fund.dto.js';
import { OpenFundCommand } from '../open-fund/open-fund.handler.js';
import { IDEMPOTENCY_KEY_DOC } from '../propose-aid/propose-aid.controller.js';
import { TransferFundsCommand } from '../transfer-funds/transfer-funds.handler.js';
import { sendWritten } from '../writing/send-written.js';
import { AllocateFundsDto, ReceiveContributionsDto, ReceiveDonationDto, TransferFundsDto } from './receive-money.dto.js';
import { AllocateFundsCommand, ReceiveContributionsCommand, ReceiveDonationCommand } from './receive-money.handlers.js';

/** The federation's finance work (supervisors): opening fund accounts and recording money in. */
@ApiTags('funds')
@Controller('funds')
export class FundBooksController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '开设资金账户 / Open a fund account' })
  @ApiCreatedResponse({ description: '已开设 / Opened' })
  async open(@Body() body: OpenFundDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Idempotency() idempotent: IdempotentRequest | undefined, @Res({ passthrough: true }) response: Response) {
    return sendWritten(response, await this.commands.execute(new OpenFundCommand(body, actor, meta, idempotent)));
  }

  @Post(':id/allocations')
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '登记拨款（财政专款或工会经费） / Record an allocation (government special funds or union funds)' })
  @ApiCreatedResponse({ description: '已入账 / Recorded' })
  async allocate(
    @IdParam() fundId: string,
    @Body() body: AllocateFundsDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new AllocateFundsCommand(fundId, body, actor, meta, idempotent, expectedRevision)));
  }

  @Post(':id/donations')
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '登记社会捐助（可定向） / Record a donation, possibly restricted to a purpose or programme' })
  @ApiCreatedResponse({ description: '已入账 / Recorded' })
  async donate(
    @IdParam() fundId: string,
    @Body() body: ReceiveDonationDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new ReceiveDonationCommand(fundId, body, actor, meta, idempotent, expectedRevision)));
  }

  @Post(':id/contributions')
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '登记医疗互助会员缴费 / Record members’ contributions to the medical mutual-aid fund' })
  @ApiCreatedResponse({ description: '已入账 / Recorded' })
  async contribute(
    @IdParam() fundId: string,
    @Body() body: ReceiveContributionsDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new ReceiveContributionsCommand(fundId, body, actor, meta, idempotent, expectedRevision)));
  }

  @Post(':id/transfers')
  @Allow('supervisor')
  @HttpCode(201)
  @ApiHeader(IDEMPOTENCY_KEY_DOC)
  @ApiOperation({ summary: '同一单位资金账户间调拨（仅非定向资金） / Transfer unrestricted money to another fund of the same unit' })
  @ApiCreatedResponse({ description: '已调拨 / Transferred' })
  @ApiConflictResponse({ description: '可调拨余额不足 / Not enough unrestricted money' })
  async transfer(
    @IdParam() fundId: string,
    @Body() body: TransferFundsDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Idempotency() idempotent: IdempotentRequest | undefined,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return sendWritten(response, await this.commands.execute(new TransferFundsCommand(fundId, body, actor, meta, idempotent, expectedRevision)));
  }
}
