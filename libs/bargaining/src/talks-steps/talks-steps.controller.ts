import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import {
  AdoptionDto,
  AgreementDto,
  BureauApprovalDto,
  BureauObjectionDto,
  EmployerResponseDto,
  FilingDto,
  NegotiationRoundDto,
  RectificationOpinionDto,
  WithdrawalDto,
} from './talks-steps.dto.js';
import { RecordTalksStepCommand, type TalksStep } from './talks-steps.handler.js';

/** The steps of the four-link chain and after, each on talks that exist, in order (else 409 BARGAINING.STEP_OUT_OF_ORDER). */
@ApiTags('wage-talks')
@ApiHeader({ name: 'If-Match', required: false, description: '最近读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
@ApiConflictResponse({ description: 'BARGAINING.STEP_OUT_OF_ORDER: the talks are not at a stage where this step comes next' })
@Controller('wage-talks')
export class TalksStepsController {
  constructor(private readonly commands: CommandBus) {}

  /** 企业书面应约 (or refusal). */
  @Post(':id/employer-response')
  @Allow(...CASEWORK)
  @HttpCode(201)
  respond(@IdParam() id: string, @Body() body: EmployerResponseDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    const data = { decision: body.decision, respondedOn: body.respondedOn, note: body.note ?? '' };
    return this.record(id, { type: 'RecordEmployerResponse', data }, actor, meta, revision, response);
  }

  /** 上级工会下达整改意见书. */
  @Post(':id/rectification-opinions')
  @Allow(...CASEWORK)
  @HttpCode(201)
  rectify(@IdParam() id: string, @Body() body: RectificationOpinionDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    const data = { issuedOn: body.issuedOn, issuedBy: body.issuedBy, opinion: body.opinion, respondBy: body.respondBy ?? null };
    return this.record(id, { type: 'IssueRectificationOpinion', data }, actor, meta, revision, response);
  }

  /** 协商会议. */
  @Post(':id/rounds')
  @Allow(...CASEWORK)
  @HttpCode(201)
  round(@IdParam() id: string, @Body() body: NegotiationRoundDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    return this.record(id, { type: 'RecordNegotiationRound', data: { heldOn: body.heldOn, summary: body.summary } }, actor, meta, revision, response);
  }

  /** 签订工资专项集体合同. */
  @Post(':id/agreement')
  @Allow(...CASEWORK)
  @HttpCode(201)
  sign(@IdParam() id: string, @Body() body: AgreementDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    const data = {
      signedOn: body.signedOn,
      termYears: body.termYears,
      wageGrowthBasisPoints: body.wageGrowthBasisPoints ?? null,
      minimumMonthlyWageFen: body.minimumMonthlyWageFen ?? null,
      otherTerms: body.otherTerms ?? '',
    };
    return this.record(id, { type: 'SignAgreement', data }, actor, meta, revision, response);
  }

  /** 职代会审议通过. */
  @Post(':id/adoption')
  @Allow(...CASEWORK)
  @HttpCode(201)
  adopt(@IdParam() id: string, @Body() body: AdoptionDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    const data = { adoptedOn: body.adoptedOn, delegatesPresent: body.delegatesPresent, votesFor: body.votesFor };
    return this.record(id, { type: 'RecordAdoption', data }, actor, meta, revision, response);
  }

  /** 报送劳动保障部门备案. */
  @Post(':id/filing')
  @Allow(...CASEWORK)
  @HttpCode(201)
  file(@IdParam() id: string, @Body() body: FilingDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    return this.record(id, { type: 'FileAgreement', data: { filedOn: body.filedOn, bureau: body.bureau } }, actor, meta, revision, response);
  }

  /** 劳动部门审查同意 (effective from that day). */
  @Post(':id/bureau-approval')
  @Allow(...CASEWORK)
  @HttpCode(201)
  approve(@IdParam() id: string, @Body() body: BureauApprovalDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    return this.record(id, { type: 'RecordBureauApproval', data: { approvedOn: body.approvedOn } }, actor, meta, revision, response);
  }

  /** 劳动部门提出异议 (back to negotiation). */
  @Post(':id/bureau-objection')
  @Allow(...CASEWORK)
  @HttpCode(201)
  object(@IdParam() id: string, @Body() body: BureauObjectionDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    return this.record(id, { type: 'RecordBureauObjection', data: { objectedOn: body.objectedOn, reason: body.reason } }, actor, meta, revision, response);
  }

  /** 终止协商. */
  @Post(':id/withdrawal')
  @Allow(...CASEWORK)
  @HttpCode(201)
  withdraw(@IdParam() id: string, @Body() body: WithdrawalDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @IfMatchRevision() revision: bigint | undefined, @Res({ passthrough: true }) response: Response) {
    return this.record(id, { type: 'WithdrawTalks', data: { withdrawnOn: body.withdrawnOn, reason: body.reason } }, actor, meta, revision, response);
  }

  private async record(id: string, step: TalksStep, actor: Actor, meta: RequestMeta, expectedRevision: bigint | undefined, response: Response) {
    const result = await this.commands.execute(new RecordTalksStepCommand(id, step, actor, meta, expectedRevision));
    response.setHeader('ETag', etagFor(result.revision));
    return { id, revision: Number(result.revision), ...(result.position ? { position: result.position } : {}) };
  }
}
