import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, etagFor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { RecordReferralOutcomeDto, ReferSeekerDto } from './refer-seeker.dto.js';
import { RecordReferralOutcomeCommand, ReferSeekerCommand } from './refer-seeker.handler.js';

@ApiTags('job-seekers')
@ApiHeader({ name: 'If-Match', required: false, description: '上次读取的 ETag；已过期则返回 412 / The ETag last read; a stale one gets 412' })
@Controller('job-seekers')
export class ReferSeekerController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/referrals')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '推荐就业 / Refer the seeker to an employer, directly or to a position offered at a job fair' })
  async refer(
    @IdParam() id: string,
    @Body() body: ReferSeekerDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { revision, referralId } = await this.commands.execute(new ReferSeekerCommand({ seekerId: id, actor, meta, expectedRevision }, body));
    response.setHeader('ETag', etagFor(revision));
    return { id, referralId, revision: Number(revision) };
  }

  @Post(':id/referrals/:referralId/outcome')
  @Allow(...CASEWORK)
  @HttpCode(200)
  @ApiOperation({ summary: '登记推荐结果（未录用或本人放弃） / Record that a referral did not lead to the job' })
  async outcome(
    @IdParam() id: string,
    @IdParam('referralId') referralId: string,
    @Body() body: RecordReferralOutcomeDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const target = { seekerId: id, actor, meta, expectedRevision };
    const { revision } = await this.commands.execute(new RecordReferralOutcomeCommand(target, referralId, body));
    response.setHeader('ETag', etagFor(revision));
    return { id, referralId, revision: Number(revision) };
  }
}
