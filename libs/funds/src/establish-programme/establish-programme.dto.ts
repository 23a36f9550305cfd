import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, Trim } from '#http';
import { MAX_FEN } from '#shared-kernel';
import { ADMISSION_LEVELS, AID_PROGRAMMES, HARDSHIP_TIERS, RECIPIENT_KINDS, type AdmissionLevel, type AidProgramme, type HardshipTier, type RecipientKind } from '../funds.vocabulary.js';

export class EligibilityDto {
  @ApiProperty({ enum: RECIPIENT_KINDS, isArray: true, example: ['hardship_file'], description: '救助对象范围：在册困难职工家庭、未建档职工 / Who may be helped: households on the register, workers without a file, or both' })
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(RECIPIENT_KINDS, { each: true })
  recipients: RecipientKind[];

  @ApiProperty({ enum: HARDSHIP_TIERS, isArray: true, example: [], description: '限定困难类型（空为不限） / Tiers helped (empty: any)' })
  @IsArray() @ArrayUnique() @IsIn(HARDSHIP_TIERS, { each: true })
  tiers: HardshipTier[];

  @ApiProperty({ enum: ADMISSION_LEVELS, isArray: true, example: [], description: '须录取的层次（金秋助学填 university 等；空为不需要） / Admissions required, for education grants (empty: none)' })
  @IsArray() @ArrayUnique() @ArrayMaxSize(ADMISSION_LEVELS.length) @IsIn(ADMISSION_LEVELS, { each: true })
  admissionLevels: AdmissionLevel[];
}

export class EstablishProgrammeDto {
  @ApiProperty({ format: 'uuid', description: '举办单位（本单位或下级单位） / The unit running the programme (yours or below)' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: 2026, description: '所属年度 / The programme year' })
  @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ enum: AID_PROGRAMMES, description: '项目类别（送温暖、金秋助学、医疗救助等） / Kind: winter warmth, education grants, medical aid, …' })
  @IsIn(AID_PROGRAMMES)
  kind: AidProgramme;

  @ApiProperty({ example: '2026年元旦春节送温暖', description: '项目名称 / Programme name' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;

  @ApiProperty({ example: 100000, description: '每户年度救助上限（分） / The most one household may receive in the year, in fen' })
  @IsInt() @Min(1) @Max(MAX_FEN)
  householdCapFen: number;

  @ApiProperty({ example: true, description: '每户本轮仅限一次 / At most one grant per household in this campaign' })
  @IsBoolean()
  oneGrantPerHousehold: boolean;

  @ApiProperty({ type: EligibilityDto, description: '救助条件 / Who is eligible' })
  @IsObject() @ValidateNested() @Type(() => EligibilityDto)
  eligibility: EligibilityDto;

  @ApiProperty({ example: '2025-12-15', description: '开始受理日期 / First day proposals are taken' })
  @IsCalendarDate()
  opensOn: string;

  @ApiProperty({ example: '2026-02-16', description: '截止日期 / Last day proposals are taken' })
  @IsCalendarDate()
  closesOn: string;
}

export class ApprovalThresholdDto {
  @ApiProperty({ example: 100000, description: '单笔超过此金额（分）须主管审批；0 为全部须审批 / Grants above this many fen need a supervisor; 0 means all do' })
  @IsInt() @Min(0) @Max(MAX_FEN)
  thresholdFen: number;
}
