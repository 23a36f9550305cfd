import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '#http';
import { AuditTrail } from '../audit-trail.service.js';
import { KeptCheckpointDto } from './kept-checkpoint.dto.js';

/** Auditors check that the log still holds up: every event against the chain, the chain against its checkpoints. */
@ApiTags('audit')
@Controller('audit/verify')
export class VerifyController {
  constructor(private readonly auditTrail: AuditTrail) {}

  @Get()
  @Allow('auditor')
  @ApiOperation({
    summary: '校验事件日志 / Verify the event log',
    description:
      '按顺序重放整个日志，重新计算每个事件的哈希和哈希链，并核对每个已签名的检查点；报告第一个被篡改、删除、调换顺序或插入的事件，' +
      '或者一切与最新检查点相符。 / Replays the whole log in order, recomputing every event hash and the hash chain, and checks every ' +
      'signed checkpoint; reports the first event that was altered, removed, reordered or inserted, or that everything holds up to the latest checkpoint.',
  })
  @ApiOkResponse({ description: 'The report: ok, or the first problem with the exact event' })
  verify() {
    return this.auditTrail.verify();
  }

  @Post()
  @Allow('auditor')
  @HttpCode(200)
  @ApiOperation({
    summary: '对照保存的检查点校验日志 / Verify the log against a checkpoint you kept',
    description:
      '请求体为审计人员此前从 GET /api/audit/checkpoints 保存的检查点，原样提交；除常规校验外，还核对日志是否仍然通向该检查点。 / ' +
      'The body is a checkpoint as GET /api/audit/checkpoints listed it, kept by the auditor; besides the usual checks, the log must still lead to it.',
  })
  @ApiOkResponse({ description: 'The report, with keptCheckpoint.held' })
  verifyAgainst(@Body() checkpoint: KeptCheckpointDto) {
    return this.auditTrail.verify({ keptCheckpoint: { ...checkpoint } });
  }
}
