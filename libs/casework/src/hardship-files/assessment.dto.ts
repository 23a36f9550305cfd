import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { HARDSHIP_CATEGORIES, HARDSHIP_TIERS, type HardshipCategory, type HardshipTier } from '../casework.vocabulary.js';

/** Fen caps keep amounts within what PostgreSQL integers and a household's reality hold. */
export const MAX_MONTHLY_FEN = 100_000_000;

/** The household figures assessed on opening, review and re-entry. */
export class HouseholdFiguresDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 30, example: 3, description: '家庭人口数 / Household size (people)' })
  @IsInt()
  @Min(1)
  @Max(30)
  householdSize: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 65000,
    description: '家庭人均月收入（分，扣除因病、因残、因学、住房等刚性支出后） / Per-person monthly household income in fen, after rigid costs of illness, disability, schooling and housing',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHLY_FEN)
  perCapitaMonthlyIncomeFen: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 78000,
    description: '当地城乡居民最低生活保障标准（低保标准，分/人·月） / The local minimum living standard (低保) in fen per person and month',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_MONTHLY_FEN)
  minimumLivingStandardFen: number;

  @ApiProperty({
    enum: HARDSHIP_CATEGORIES,
    isArray: true,
    example: ['illness'],
    description:
      '困难类别：因病 illness、因残 disability、因学 schooling、因灾或意外 disaster_accident、失业 unemployment、单亲困难女职工 single_parent_woman、困难劳模 model_worker、农民工 migrant_worker / Causes of hardship (one or more)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HARDSHIP_CATEGORIES.length)
  @IsIn(HARDSHIP_CATEGORIES, { each: true })
  categories: HardshipCategory[];
}

export class AssessmentDto extends HouseholdFiguresDto {
  @ApiProperty({
    enum: HARDSHIP_TIERS,
    example: 'deep',
    description:
      '困难类型：深度困难 deep（人均收入不高于低保）、相对困难 relative（低于低保两倍）、意外致困 accident / Tier: deep (at or below 低保), relative (below twice 低保), accident (sudden event or major illness)',
  })
  @IsIn(HARDSHIP_TIERS)
  tier: HardshipTier;
}

export type { HardshipTier };
