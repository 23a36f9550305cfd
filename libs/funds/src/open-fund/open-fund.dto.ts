import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '#http';
import { FUND_SOURCES, type FundSource } from '../funds.vocabulary.js';

export class OpenFundDto {
  @ApiProperty({ format: 'uuid', description: '资金所属单位（本单位或下级单位） / The unit whose books hold the fund (yours or below)' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ enum: FUND_SOURCES, description: '资金来源：财政专款、工会经费、社会捐助、职工医疗互助 / Source: government allocation, union funds, social donations, medical mutual aid' })
  @IsIn(FUND_SOURCES)
  source: FundSource;

  @ApiProperty({ example: '2026年困难职工帮扶专项资金', description: '账户名称 / Name of the fund account' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;
}
