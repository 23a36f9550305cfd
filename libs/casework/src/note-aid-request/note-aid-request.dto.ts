import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { AID_PROGRAMMES, type AidProgramme } from '../casework.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

/** A request larger than this (1,000,000 yuan) is a typing mistake, not a household's need. */
export const MAX_AID_REQUEST_FEN = 100_000_000;

export class NoteAidRequestDto {
  @ApiProperty({
    enum: AID_PROGRAMMES,
    example: 'medical_aid',
    description:
      '帮扶项目：送温暖 winter_warmth、金秋助学 golden_autumn_education、夏送清凉 summer_cooling、春送岗位 spring_employment、医疗救助 medical_aid、生活救助 living_subsidy、临时救助 temporary_aid、两癌筛查 cancer_screening、实物 in_kind / Aid programme',
  })
  @IsIn(AID_PROGRAMMES)
  programme: AidProgramme;

  @ApiProperty({ type: 'integer', minimum: 1, example: 300000, description: '申请金额（分） / Amount requested, in fen' })
  @IsInt()
  @Min(1)
  @Max(MAX_AID_REQUEST_FEN)
  amountRequestedFen: number;

  @ApiProperty({ example: '2026-06-02', description: '申请日期 / Date of the request' })
  @IsCalendarDate()
  requestedOn: string;

  @ApiProperty({ example: '化疗费用自付部分较高', description: '申请理由（加密保存） / Reason for the request, stored sealed' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
