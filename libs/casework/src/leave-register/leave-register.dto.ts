import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LEAVING_REASONS, type LeavingReason } from '../casework.vocabulary.js';
import { NotesDto } from '../hardship-files/file-command.http.js';
import { IsCalendarDate, Optional } from '../validators.js';

export class LeaveRegisterDto extends NotesDto {
  @ApiProperty({
    enum: LEAVING_REASONS,
    example: 'government_support',
    description:
      '退出原因：脱困 out_of_hardship（收入连续六个月高于低保）、解困 government_support（转入政府兜底保障）、退休 retired、调离 transferred、去世 deceased / Why the file leaves the register',
  })
  @IsIn(LEAVING_REASONS)
  reason: LeavingReason;

  @ApiProperty({ example: '2026-12-01', description: '退出日期 / Date of leaving' })
  @IsCalendarDate()
  leftOn: string;

  @ApiPropertyOptional({
    example: '2026-05-01',
    description: '人均收入连续高于低保的起始日期（脱困时必填，须满六个月） / Since when income has been above 低保; required for out_of_hardship',
  })
  @Optional()
  @IsCalendarDate()
  incomeAboveStandardSince?: string;
}
