import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { GENDERS, type Gender } from '../casework.vocabulary.js';
import { AssessmentDto } from '../hardship-files/assessment.dto.js';
import { IsCalendarDate, IsPhone, IsResidentId, TrimUpperCase, Optional, Trim } from '../validators.js';

/** 五清: the household survey a file is opened on. */
export class FiveClearsDto {
  @ApiProperty({ example: '夫妻二人，一子读高中，妻子无业', description: '家庭情况清 / Family situation' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  familySituation: string;

  @ApiProperty({ example: '本人患病长期治疗，医疗费用负担重', description: '致困原因清 / Cause of hardship' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  causeOfHardship: string;

  @ApiProperty({ example: '情绪稳定，希望早日康复', description: '思想状况清 / State of mind' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  stateOfMind: string;

  @ApiProperty({ example: '妻子希望就近就业', description: '就业需求清 / Employment needs' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  employmentNeeds: string;

  @ApiProperty({ example: '电焊', description: '技能特长清 / Skills' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  skills: string;
}

export class MigrantWorkerDto {
  @ApiProperty({ example: true, description: '是否工会会员（农民工建档须为会员） / Whether a union member (required of a migrant worker)' })
  @IsBoolean()
  unionMember: boolean;

  @ApiProperty({ example: '2024-03-01', description: '在本单位就业起始日期（须满一年） / Employed since (at least a year)' })
  @IsCalendarDate()
  employedSince: string;
}

export class OpenFileDto extends AssessmentDto {
  @ApiProperty({ format: 'uuid', description: '建档单位（本单位或下级单位） / The federation unit keeping the file (yours or below)' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: '张秀英', description: '职工姓名 / Worker name' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50)
  name: string;

  @ApiProperty({ example: '11010519491231002X', description: '公民身份号码（18位，校验码） / Resident ID number, 18 characters with its check character' })
  @TrimUpperCase()
  @IsResidentId()
  residentId: string;

  @ApiProperty({ enum: GENDERS, example: 'female', description: '性别（须与身份证号一致） / Sex, as the resident ID number records it' })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiPropertyOptional({ example: '13812345678', description: '联系电话 / Phone number' })
  @Optional() @Trim() @IsString() @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: '尧都区城关街道解放路12号', description: '家庭住址 / Home address' })
  @Optional() @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '所在企业（企业名录中的企业） / Employer, from the enterprise registry' })
  @Optional() @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ example: '临汾市尧都区某机械有限公司', description: '工作单位名称（名录外企业或补充） / Employer name, for one not in the registry' })
  @Optional() @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  employerName?: string;

  @ApiPropertyOptional({ example: '肺癌术后化疗', description: '患病情况（困难类别含因病时必填） / Illness details; required when a category is illness' })
  @Optional() @Trim() @IsString() @IsNotEmpty() @MaxLength(2000)
  illnessDetails?: string;

  @ApiProperty({ type: FiveClearsDto, description: '五清入户调查 / The five-clears household survey' })
  @IsObject()
  @ValidateNested()
  @Type(() => FiveClearsDto)
  fiveClears: FiveClearsDto;

  @ApiPropertyOptional({ type: MigrantWorkerDto, description: '农民工建档条件（类别含农民工时必填） / Required when a category is migrant_worker' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => MigrantWorkerDto)
  migrantWorker?: MigrantWorkerDto;

  @ApiProperty({ example: '2026-05-10', description: '入户调查日期 / Date of the household survey' })
  @IsCalendarDate()
  surveyedOn: string;

  @ApiProperty({ example: '2026-11-10', description: '下次复核日期（一年内） / Next review due, within a year' })
  @IsCalendarDate()
  nextReviewDue: string;
}
