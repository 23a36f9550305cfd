import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AssessmentDto } from '../hardship-files/assessment.dto.js';
import { IsCalendarDate, Optional, Trim } from '../validators.js';

export class ReenterRegisterDto extends AssessmentDto {
  @ApiProperty({ example: '2027-03-01', description: '重新纳入日期 / Date of re-entry' })
  @IsCalendarDate()
  reenteredOn: string;

  @ApiProperty({ example: '2027-09-01', description: '下次复核日期（一年内） / Next review due, within a year' })
  @IsCalendarDate()
  nextReviewDue: string;

  @ApiPropertyOptional({ example: '妻子失业，家庭收入下降', description: '返困原因（加密保存） / Why the household fell back, stored sealed' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  notes?: string;
}
