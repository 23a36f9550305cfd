import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsListOf, Trim } from '../validators.js';

export class OfferPositionDto {
  @ApiProperty({ description: '用人单位 / Employer', example: '临汾市某机械有限公司' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  employer: string;

  @ApiProperty({ description: '岗位 / Position', example: '电焊工' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  position: string;

  @ApiProperty({ description: '招聘人数 / Number of openings', minimum: 1, maximum: 100000, example: 10 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  count: number;
}

export class OrganiseJobFairDto {
  @ApiProperty({ description: '招聘会名称 / Name of the fair', example: '2026年春风行动专场招聘会' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: '举办日期（可提前登记） / Date of the fair; may be recorded in advance (YYYY-MM-DD)', example: '2026-03-15' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ description: '举办地点 / Place', example: '尧都区职工服务中心广场' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  place: string;

  @ApiProperty({ format: 'uuid', description: '举办的工会单位 / The federation unit holding the fair' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: '主办或协办方 / Organiser, and any co-organisers', example: '区总工会、区人社局' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organiser: string;

  @ApiPropertyOptional({ type: [OfferPositionDto], description: '提供的岗位，最多500项 / Positions offered, up to 500; more can be added later' })
  @IsOptional()
  @IsListOf(() => OfferPositionDto, { maxSize: 500, itemName: 'position (employer, position and count)' })
  positions?: OfferPositionDto[];
}
