import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsResidentId, Optional, Trim, TrimUpperCase } from '#http';
import { MAX_FEN } from '#shared-kernel';
import { ADMISSION_LEVELS, RECIPIENT_KINDS, type AdmissionLevel, type RecipientKind } from '../funds.vocabulary.js';

export class RecipientDto {
  @ApiProperty({ enum: RECIPIENT_KINDS, description: '受助对象：在册困难职工家庭（档案）或未建档职工 / A household on the register (by its file) or a worker without a file' })
  @IsIn(RECIPIENT_KINDS)
  kind: RecipientKind;

  @ApiPropertyOptional({ format: 'uuid', description: '困难职工档案（kind=hardship_file 时必填） / The hardship file; required for kind hardship_file' })
  @ValidateIf((recipient: RecipientDto) => recipient.kind === 'hardship_file')
  @IsUUID()
  fileId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '职工所在单位（kind=worker 时必填） / The unit helping the worker; required for kind worker' })
  @ValidateIf((recipient: RecipientDto) => recipient.kind === 'worker')
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: '李建国', description: '职工姓名（kind=worker 时必填） / Worker name; required for kind worker' })
  @ValidateIf((recipient: RecipientDto) => recipient.kind === 'worker')
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: '公民身份号码（kind=worker 时必填） / Resident ID number; required for kind worker' })
  @ValidateIf((recipient: RecipientDto) => recipient.kind === 'worker')
  @TrimUpperCase() @IsResidentId()
  residentId?: string;
}

export class AdmissionDto {
  @ApiProperty({ enum: ADMISSION_LEVELS, description: '录取层次 / Level of schooling admitted to' })
  @IsIn(ADMISSION_LEVELS)
  level: AdmissionLevel;

  @ApiProperty({ example: '山西大学', description: '录取学校 / School admitted to' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100)
  school: string;

  @ApiProperty({ example: '2026-08-10', description: '录取日期 / Date of admission' })
  @IsCalendarDate()
  admittedOn: string;

  @ApiProperty({ example: '李小明', description: '学生姓名（加密保存） / Student name (stored sealed)' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50)
  studentName: string;
}

export class ProposeAidDto {
  @ApiProperty({ format: 'uuid', description: '帮扶项目 / The aid programme' })
  @IsUUID()
  programmeId: string;

  @ApiProperty({ format: 'uuid', description: '支出资金账户（须属项目所在单位） / The fund to pay from, one of the programme unit' })
  @IsUUID()
  fundId: string;

  @ApiProperty({ type: RecipientDto, description: '受助对象 / Who is helped' })
  @IsObject() @ValidateNested() @Type(() => RecipientDto)
  recipient: RecipientDto;

  @ApiProperty({ example: 50000, description: '金额（分，正整数） / Amount in fen, a positive whole number' })
  @IsInt() @Min(1) @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '春节前送温暖慰问', description: '申请理由（加密保存） / Why the household needs it (stored sealed)' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ type: AdmissionDto, description: '录取情况（金秋助学必填） / The admission, required by education grants' })
  @Optional() @IsObject() @ValidateNested() @Type(() => AdmissionDto)
  admission?: AdmissionDto;
}
