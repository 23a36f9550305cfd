import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { REFERRAL_OUTCOMES, type ReferralOutcome } from '../employment.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

/** Either a position offered at a job fair (fairId and positionId), or an employer and position named directly. */
export class ReferSeekerDto {
  @ApiPropertyOptional({ format: 'uuid', description: '招聘会（与 positionId 一起给出） / The job fair, given together with positionId' })
  @ValidateIf((dto: ReferSeekerDto) => dto.fairId !== undefined || dto.positionId !== undefined)
  @IsUUID()
  fairId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '招聘会上提供的岗位 / A position offered at that fair' })
  @ValidateIf((dto: ReferSeekerDto) => dto.fairId !== undefined || dto.positionId !== undefined)
  @IsUUID()
  positionId?: string;

  @ApiPropertyOptional({ description: '用人单位（不经招聘会推荐时必填） / Employer; required when no fair position is given', example: '尧都区某家政服务有限公司' })
  @ValidateIf((dto: ReferSeekerDto) => dto.positionId === undefined || dto.employer !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  employer?: string;

  @ApiPropertyOptional({ description: '岗位（不经招聘会推荐时必填） / Position; required when no fair position is given', example: '家政服务员' })
  @ValidateIf((dto: ReferSeekerDto) => dto.positionId === undefined || dto.position !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  position?: string;

  @ApiProperty({ description: '推荐日期 / Date of the referral (YYYY-MM-DD)', example: '2026-05-10' })
  @IsCalendarDate()
  referredOn: string;
}

export class RecordReferralOutcomeDto {
  @ApiProperty({ enum: REFERRAL_OUTCOMES, description: '推荐结果：未录用、本人放弃 / Outcome: not hired, or the seeker declined' })
  @IsIn(REFERRAL_OUTCOMES)
  outcome: ReferralOutcome;

  @ApiProperty({ description: '结果登记日期 / Date of the outcome (YYYY-MM-DD)', example: '2026-05-20' })
  @IsCalendarDate()
  recordedOn: string;
}
