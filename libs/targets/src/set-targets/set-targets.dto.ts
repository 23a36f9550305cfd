import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsListOf, Optional, Trim } from '#http';
import { METRIC_KEYS, type MetricKey } from '#statistics';

const METRIC_DOC =
  '指标：计数、金额（分）或比率（万分比，10000 = 100%） / The metric, from the catalogue; its value is a count, an amount in fen, or a rate in basis points (10000 = 100 %)';

export class TargetEntryDto {
  @ApiProperty({ enum: METRIC_KEYS, example: 'unions_founded', description: METRIC_DOC })
  @IsString()
  @IsIn(METRIC_KEYS)
  metric: MetricKey;

  @ApiProperty({
    example: '79',
    description: '目标值：不带小数的非负整数，写成字符串（金额为分，比率为万分比） / The target: a non-negative whole number as a string (fen for money, basis points for a rate)',
  })
  @IsString()
  @Matches(/^(?:0|[1-9]\d{0,15})$/, { message: 'must be a non-negative whole number written in digits, without leading zeros' })
  value: string;

  @ApiPropertyOptional({ example: '市总工会2026年下达目标', description: '依据或调整原因 / Why: the directive it comes from, or why it changed' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class SetTargetsDto {
  @ApiProperty({ type: [TargetEntryDto], description: '要设定的目标，全部成功或全部不变 / The targets to set: all are recorded, or none' })
  @IsListOf(() => TargetEntryDto, { maxSize: METRIC_KEYS.length, itemName: 'target (metric and value)' })
  @ArrayMinSize(1)
  targets: TargetEntryDto[];
}

export class WithdrawTargetsDto {
  @ApiProperty({ enum: METRIC_KEYS, isArray: true, example: ['people_trained'], description: '撤销目标的指标 / The metrics whose targets are withdrawn' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(METRIC_KEYS.length)
  @IsString({ each: true })
  @IsIn(METRIC_KEYS, { each: true })
  metrics: MetricKey[];

  @ApiPropertyOptional({ example: '目标调整', description: '撤销原因 / Why the targets are withdrawn' })
  @Optional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
