import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, Trim } from '../validators.js';

export class RecordSurveyDto {
  @ApiProperty({ description: 'Why the enterprise has no union (未建原因)', example: '企业负责人认识不足，职工流动性大' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ description: 'When a union is due (YYYY-MM-DD)', example: '2026-12-31' })
  @IsCalendarDate()
  targetDate: string;

  @ApiProperty({ description: 'Date of the survey visit (YYYY-MM-DD)', example: '2026-04-10' })
  @IsCalendarDate()
  surveyedOn: string;
}
