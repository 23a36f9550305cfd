import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { REHIRE_CHANNELS, type RehireChannel } from '../employment.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

export class RecordRehiringDto {
  @ApiProperty({ description: '用人单位；自主创业填写所办企业或个体户名称 / Employer; for self-employment, the business started', example: '尧都区某家政服务有限公司' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  employer: string;

  @ApiProperty({ description: '岗位 / Position', example: '家政服务员' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  position: string;

  @ApiProperty({ description: '上岗日期 / First day at work (YYYY-MM-DD)', example: '2026-06-01' })
  @IsCalendarDate()
  startedOn: string;

  @ApiProperty({
    enum: REHIRE_CHANNELS,
    description: '就业渠道：招聘会、推荐就业、培训基地、自主创业 / How the job was found: job fair, referral, training base, self-employment (创业)',
  })
  @IsIn(REHIRE_CHANNELS)
  channel: RehireChannel;

  @ApiPropertyOptional({ format: 'uuid', description: '促成就业的推荐（须为本人未结的推荐） / The open referral that led to the job' })
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '经由的招聘会（渠道为招聘会时） / The job fair, when the channel is job_fair' })
  @IsOptional()
  @IsUUID()
  fairId?: string;
}
