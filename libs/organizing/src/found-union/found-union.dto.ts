import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { UNION_KINDS, type UnionKind } from '../organizing.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

export class FoundUnionDto {
  @ApiProperty({ example: '城关街道商贸联合工会' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: UNION_KINDS, description: '单独建会, 联合工会, 楼宇联合工会, 行业工会, 区域工会' })
  @IsIn(UNION_KINDS)
  kind: UnionKind;

  @ApiProperty({ format: 'uuid', description: 'The federation unit the union belongs to; the enterprises it covers must be in it or below it' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Registered enterprises the union covers' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  coveredEnterpriseIds: string[];

  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  foundedOn: string;

  @ApiProperty({ example: '王芳' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  chairName: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  initialMemberCount: number;

  @ApiProperty({ description: "Women workers' committee founded at the same time (三同时)" })
  @IsBoolean()
  womenCommitteeFounded: boolean;

  @ApiProperty({ description: 'Funds audit committee founded at the same time (三同时)' })
  @IsBoolean()
  auditCommitteeFounded: boolean;
}
