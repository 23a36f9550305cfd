import { Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, PageQueryDto, type Page } from '#http';
import { DomainError } from '#shared-kernel';
import { AuditTrail } from '../audit-trail.service.js';
import type { Checkpoint } from '../checkpoint-signature.js';

@ApiTags('audit')
@Controller('audit')
export class CheckpointsController {
  constructor(private readonly auditTrail: AuditTrail) {}

  @Get('checkpoints')
  @Allow('auditor')
  @ApiOperation({
    summary: '已签名的检查点 / Signed checkpoints',
    description: '最新的在前；审计人员可保存副本，日后用于校验。 / Newest first; an auditor may keep copies to verify against later.',
  })
  @ApiOkResponse({ description: 'A page of checkpoints, each with its Ed25519 signature' })
  async list(@Query() query: PageQueryDto): Promise<Page<Checkpoint>> {
    const { items, total } = await this.auditTrail.checkpoints(query.page, query.pageSize);
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  @Get('public-key')
  @Allow('auditor')
  @ApiOperation({
    summary: '检查点签名公钥 / The public key checkpoints are signed with',
    description: '请与检查点副本一同保存。 / Keep it with your copies of checkpoints.',
  })
  @ApiOkResponse({ description: 'Ed25519 public key as PEM (SPKI), and its SHA-256 fingerprint (keyId)' })
  publicKey() {
    const signer = this.auditTrail.signer;
    return { algorithm: 'Ed25519', keyId: signer.keyId, publicKeyPem: signer.publicKeyPem() };
  }

  /**
   * Admins, not auditors: auditors change nothing. The sealer records checkpoints by itself at intervals; this is
   * for the moment a copy is wanted now, such as before a backup or an audit visit.
   */
  @Post('checkpoints')
  @Allow('admin')
  @ApiOperation({
    summary: '立即记录检查点 / Record a checkpoint now',
    description: '将日志中现有的全部事件链入哈希链，并在链头签署一个检查点。 / Chains every event now in the log and signs a checkpoint at the head of the chain.',
  })
  @ApiCreatedResponse({ description: 'The checkpoint at the head of the chain (the latest one if nothing was added since)' })
  async checkpointNow(): Promise<Checkpoint> {
    const checkpoint = await this.auditTrail.checkpointNow();
    if (!checkpoint) throw new DomainError('AUDIT.LOG_EMPTY', 'conflict', 'The log holds no event yet: there is nothing to checkpoint');
    return checkpoint;
  }
}
