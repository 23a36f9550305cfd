import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, Optional, Trim } from '#http';
import { DISBURSEMENT_METHODS, type DisbursementMethod } from '../funds.vocabulary.js';

export class DisburseAidDto {
  @ApiProperty({ enum: DISBURSEMENT_METHODS, description: '发放方式：现金、银行转账或实物 / Paid in cash, by bank transfer, or in kind' })
  @IsIn(DISBURSEMENT_METHODS)
  method: DisbursementMethod;

  @ApiProperty({ example: 'SWN-2026-0117', description: '收据或签收单编号（银行转账填流水号） / Receipt or signed-list reference (the bank reference for a transfer)' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  receiptReference: string;

  @ApiProperty({ example: '2026-01-20', description: '发放日期 / Date paid or handed over' })
  @IsCalendarDate()
  paidOn: string;

  @ApiPropertyOptional({ example: '大米 25kg、面粉 25kg、食用油 5L', description: '实物内容（实物发放时必填，价值即金额） / The goods handed over, valued at the grant amount; required for aid in kind' })
  @Optional() @Trim() @IsString() @IsNotEmpty() @MaxLength(500)
  inKindDescription?: string;
}
