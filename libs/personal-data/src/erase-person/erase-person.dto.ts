import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { IsResidentId, TrimUpperCase } from '#http';
import { ERASURE_REASONS, type ErasureReason } from '../person.decider.js';

export class ErasePersonDto {
  @ApiProperty({
    enum: ERASURE_REASONS,
    description:
      '删除原因：本人申请删除（data_subject_request）、保存期限届满（retention_period_ended）、误录（recorded_in_error）、其他（other） / ' +
      'Why the personal data is erased: the person asked, the retention period ended, it was recorded in error, or other',
  })
  @IsIn(ERASURE_REASONS)
  reason: ErasureReason;
}

/** For a person who comes with their ID card: the number finds them through its keyed hash, never stored plain. */
export class ErasePersonByResidentIdDto extends ErasePersonDto {
  @ApiProperty({ example: '11010519491231002X', description: '居民身份证号码 / Resident ID number of the person to erase' })
  @TrimUpperCase()
  @IsString()
  @IsResidentId()
  residentId: string;
}
