import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { HARDSHIP_TIERS, REVIEW_OUTCOMES, type HardshipTier, type ReviewOutcome } from '../casework.vocabulary.js';
import { HouseholdFiguresDto } from '../hardship-files/assessment.dto.js';
import { IsCalendarDate, Optional, Trim } from '../validators.js';

export class ReviewFileDto extends HouseholdFiguresDto {
  @ApiProperty({ example: '2026-11-05', description: '复核日期 / Date of the review' })
  @IsCalendarDate()
  reviewedOn: string;

  @ApiProperty({
    enum: REVIEW_OUTCOMES,
    example: 'still_in_hardship',
    description: '复核结论：仍然困难 still_in_hardship；已脱困 recovered（档案随之退出） / Outcome: still in hardship, or recovered (the file then leaves the register)',
  })
  @IsIn(REVIEW_OUTCOMES)
  outcome: ReviewOutcome;

  @ApiPropertyOptional({ enum: HARDSHIP_TIERS, example: 'relative', description: '复核后的困难类型（仍然困难时必填） / Tier after the review; required while still in hardship' })
  @Optional()
  @IsIn(HARDSHIP_TIERS)
  tier?: HardshipTier;

  @ApiPropertyOptional({ example: '2027-05-05', description: '下次复核日期（仍然困难时必填，一年内） / Next review due; required while still in hardship' })
  @Optional()
  @IsCalendarDate()
  nextReviewDue?: string;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: '人均收入连续高于低保的起始日期（脱困时必填，须满六个月） / Since when income has been above 低保; required to leave as recovered (six months)',
  })
  @Optional()
  @IsCalendarDate()
  incomeAboveStandardSince?: string;

  @ApiPropertyOptional({ example: '入户核实，家庭情况无变化', description: '复核情况说明（加密保存） / Notes, stored sealed' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  notes?: string;
}
