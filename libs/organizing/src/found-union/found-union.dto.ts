import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { UNION_KINDS, type UnionKind } from '../organizing.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

export class FoundUnionDto {
  @ApiProperty({ example: '城关街道商贸联合工会', description: '工会名称 / Name of the union' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: UNION_KINDS, description: '建会形式：单独建会、联合工会、楼宇联合工会、行业工会、区域工会 / Kind: independent, joint, building-joint, industry or regional union' })
  @IsIn(UNION_KINDS)
  kind: UnionKind;

  @ApiProperty({ format: 'uuid', description: '工会所属单位，覆盖的企业须在本单位或下级单位 / The federation unit the union belongs to; the enterprises it covers must be in it or below it' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: '覆盖的已登记企业 / Registered enterprises the union covers' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  coveredEnterpriseIds: string[];

  @ApiProperty({ example: '2026-05-20', description: '成立日期（YYYY-MM-DD） / Founding date (YYYY-MM-DD)' })
  @IsCalendarDate()
  foundedOn: string;

  @ApiProperty({ example: '王芳', description: '工会主席姓名 / Name of the union chair' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  chairName: string;

  @ApiProperty({ minimum: 1, description: '建会时会员人数 / Members at founding' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  initialMemberCount: number;

  @ApiProperty({ description: "同时成立女职工委员会（三同时） / Women workers' committee founded at the same time" })
  @IsBoolean()
  womenCommitteeFounded: boolean;

  @ApiProperty({ description: '同时成立经费审查委员会（三同时） / Funds audit committee founded at the same time' })
  @IsBoolean()
  auditCommitteeFounded: boolean;
}
