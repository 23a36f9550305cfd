import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, Optional, Trim } from '#http';
import { MAX_FEN } from '#shared-kernel';
import { AID_PROGRAMMES, type AidProgramme } from '../funds.vocabulary.js';

class MoneyInDto {
  @ApiProperty({ example: 12550000, description: '金额（分，正整数） / Amount in fen, a positive whole number' })
  @IsInt() @Min(1) @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '2026-01-05', description: '到账日期 / Date received' })
  @IsCalendarDate()
  receivedOn: string;
}

export class AllocateFundsDto extends MoneyInDto {
  @ApiProperty({ example: '尧财社〔2026〕3号', description: '拨款文号或凭证号 / Reference of the allocation document or voucher' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  reference: string;
}

export class RestrictionDto {
  @ApiPropertyOptional({ format: 'uuid', description: '限定用于某一帮扶项目（与 programmeKind 二选一） / Only for this programme (or give programmeKind)' })
  @ValidateIf((restriction: RestrictionDto) => restriction.programmeKind === undefined)
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ enum: AID_PROGRAMMES, description: '限定用途（如 golden_autumn_education 助学） / Only for programmes of this kind, such as education grants' })
  @ValidateIf((restriction: RestrictionDto) => restriction.programmeId === undefined)
  @IsIn(AID_PROGRAMMES)
  programmeKind?: AidProgramme;
}

export class ReceiveDonationDto extends MoneyInDto {
  @ApiProperty({ example: '某某实业有限公司', description: '捐赠方 / Donor' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  donor: string;

  @ApiPropertyOptional({ type: RestrictionDto, description: '定向捐赠的限定用途；不填为非定向 / What a restricted donation may pay for; leave out for an unrestricted one' })
  @Optional() @IsObject() @ValidateNested() @Type(() => RestrictionDto)
  restriction?: RestrictionDto;
}

export class ReceiveContributionsDto extends MoneyInDto {
  @ApiProperty({ example: 1200, description: '缴费会员人数 / Members who contributed' })
  @IsInt() @Min(1) @Max(10_000_000)
  memberCount: number;

  @ApiProperty({ example: '2026', description: '所属期（年或年-月） / The period paid for, a year or a year-month' })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: 'must be a year (2026) or a year and month (2026-03)' })
  period: string;
}

export class TransferFundsDto {
  @ApiProperty({ format: 'uuid', description: '转入账户（同一单位） / The fund receiving it, of the same unit' })
  @IsUUID()
  toFundId: string;

  @ApiProperty({ example: 2000000, description: '金额（分，正整数；定向捐赠不能转出） / Amount in fen; restricted donations cannot be moved' })
  @IsInt() @Min(1) @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '调剂用于金秋助学', description: '调拨理由 / Why the money is moved' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;
}
