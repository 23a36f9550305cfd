import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, Trim } from '../validators.js';

export class RecordSurveyDto {
  @ApiProperty({ description: '未建会原因 / Why the enterprise has no union', example: '企业负责人认识不足，职工流动性大' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ description: '计划建会日期（YYYY-MM-DD） / When a union is due (YYYY-MM-DD)', example: '2026-12-31' })
  @IsCalendarDate()
  targetDate: string;

  @ApiProperty({ description: '摸底排查日期（YYYY-MM-DD） / Date of the survey visit (YYYY-MM-DD)', example: '2026-04-10' })
  @IsCalendarDate()
  surveyedOn: string;
}
