import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OWNERSHIPS, type Ownership } from '../organizing.vocabulary.js';
import { IsCreditCode, Trim } from '../validators.js';

export class RegisterEnterpriseDto {
  @ApiProperty({ example: '临汾市尧都区某机械有限公司' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Unified social credit code (统一社会信用代码), 18 characters with its check character', example: '91350100M000100Y43' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ enum: OWNERSHIPS })
  @IsIn(OWNERSHIPS)
  ownership: Ownership;

  @ApiProperty({ example: 'manufacturing' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  industry: string;

  @ApiProperty({ format: 'uuid', description: 'The federation unit (乡镇/街道 or 社区) the enterprise belongs to' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employeeCount: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  womenEmployeeCount: number;
}
