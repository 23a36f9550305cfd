import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GENDERS, SEEKER_KINDS, type Gender, type SeekerKind } from '../employment.vocabulary.js';
import { IsCalendarDate, IsPhone, IsResidentId, Trim, TrimUpperCase } from '../validators.js';

export class RegisterJobSeekerDto {
  @ApiProperty({ description: '姓名（加密保存） / Full name (stored sealed)', example: '张秀英' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ description: '联系电话：手机号或带区号的座机（加密保存） / Phone: a mobile number or a landline with area code (stored sealed)', example: '13812345678' })
  @Trim()
  @IsPhone()
  phone: string;

  @ApiPropertyOptional({
    description: '公民身份号码，18位，校验码须正确；同一号码只能登记一次（加密保存） / Resident ID number, 18 characters with a valid check character; one registration per number (stored sealed)',
    example: '11010519491231002X',
  })
  @IsOptional()
  @TrimUpperCase()
  @IsResidentId()
  residentId?: string;

  @ApiProperty({
    enum: SEEKER_KINDS,
    description: '类别：下岗职工、农民工、高校毕业生、其他失业人员 / Kind: laid-off worker, migrant worker, graduate, other unemployed',
  })
  @IsIn(SEEKER_KINDS)
  kind: SeekerKind;

  @ApiProperty({ enum: GENDERS, description: '性别：女、男 / Gender: female, male' })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiPropertyOptional({
    type: [String],
    description: '技能，每项不超过50字，最多20项（加密保存） / Skills, up to 20 of at most 50 characters each (stored sealed)',
    example: ['电焊', '叉车'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value))
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ description: '求职意向（加密保存） / The work they are looking for (stored sealed)', example: '家政服务、保洁' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  wantedWork?: string;

  @ApiPropertyOptional({ description: '备注，如家庭情况（加密保存） / Notes about the person, such as family circumstances (stored sealed)', example: '丈夫长期患病，需照顾孩子' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiProperty({ format: 'uuid', description: '负责的工会单位（乡镇、街道或社区） / The federation unit (township, street or community) that looks after the seeker' })
  @IsUUID()
  unitId: string;

  @ApiPropertyOptional({ description: '登记日期，默认今天 / Date of registration, today when omitted (YYYY-MM-DD)', example: '2026-03-02' })
  @IsOptional()
  @IsCalendarDate()
  registeredOn?: string;
}
