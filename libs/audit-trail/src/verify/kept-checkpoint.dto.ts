import { ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsInt, IsISO8601, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import type { Checkpoint } from '../checkpoint-signature.js';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** A checkpoint as `GET /api/audit/checkpoints` listed it, kept by an auditor and handed back to be checked. */
export class KeptCheckpointDto implements Checkpoint {
  @ApiProperty({ minimum: 1, example: 1000, description: '检查点覆盖的事件数（链中的位置） / How many events the checkpoint vouches for (its place in the chain)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence: number;

  @ApiProperty({ example: '7431/1000', description: '该位置事件在日志中的位置（commit/prepare） / Log position of the event at that place, "commit/prepare"' })
  @IsString()
  @Matches(/^\d{1,20}\/\d{1,20}$/, { message: 'must be a log position, "commit/prepare"' })
  position: string;

  @ApiProperty({ format: 'uuid', description: '该位置事件的编号 / Id of the event at that place' })
  @IsUUID()
  eventId: string;

  @ApiProperty({ example: '9f2c…', description: '该位置的链哈希（SHA-256，小写十六进制） / Chain hash at that place: SHA-256, lower-case hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'must be 64 lower-case hex digits' })
  chainHash: string;

  @ApiProperty({ format: 'date-time', description: '检查点签署时间 / When the checkpoint was signed' })
  @IsISO8601({ strict: true })
  createdAt: string;

  @ApiProperty({ description: '签名公钥的 SHA-256 指纹（小写十六进制） / SHA-256 fingerprint of the signing public key, lower-case hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'must be 64 lower-case hex digits' })
  keyId: string;

  @ApiProperty({ description: '对检查点的 Ed25519 签名（Base64） / Ed25519 signature over the checkpoint, base64' })
  @IsString()
  @IsBase64()
  signature: string;
}
