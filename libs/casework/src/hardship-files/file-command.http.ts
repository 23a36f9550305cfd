import type { Response } from 'express';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { etagFor } from '#http';
import type { FileWritten } from './hardship-file-writer.js';
import { Optional, Trim } from '../validators.js';

/** The answer to a command on a file: its new revision, also as the ETag for the next If-Match. */
export function fileWritten(response: Response, result: FileWritten) {
  response.setHeader('ETag', etagFor(result.revision));
  return { id: result.fileId, revision: Number(result.revision), position: result.position };
}

export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description: '上次读取档案时的 ETag；档案已被他人修改则返回 412 / The ETag last read; a stale one gets 412',
};

/** Free-text notes on a step; sealed with the worker's key, since they describe the worker. */
export class NotesDto {
  @ApiPropertyOptional({ example: '入户核实，家庭情况无变化', description: '情况说明（加密保存） / Notes, stored sealed' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  notes?: string;
}
