import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OWNERSHIPS, type Ownership } from '../organizing.vocabulary.js';
import { IsCreditCode, Trim, TrimUpperCase } from '../validators.js';

export class RegisterEnterpriseDto {
  @ApiProperty({ example: '临汾市尧都区某机械有限公司', description: '企业名称 / Name of the enterprise' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: '统一社会信用代码，18 位，含校验码 / Unified social credit code, 18 characters with its check character', example: '91350100M000100Y43' })
  @TrimUpperCase()
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ enum: OWNERSHIPS, description: '经济类型：国有、非公、外资、事业单位、机关 / Ownership: state-owned, non-public, foreign-funded, public institution, government organ' })
  @IsIn(OWNERSHIPS)
  ownership: Ownership;

  @ApiProperty({ example: 'manufacturing', description: '所属行业 / Industry' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  industry: string;

  @ApiProperty({ format: 'uuid', description: '企业所属单位（乡镇/街道或社区） / The federation unit (township, street or community) the enterprise belongs to' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ minimum: 0, description: '职工人数 / Number of employees' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employeeCount: number;

  @ApiProperty({ minimum: 0, description: '女职工人数 / Number of women employees' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  womenEmployeeCount: number;
}
