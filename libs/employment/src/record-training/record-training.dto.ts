import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { COURSE_TYPES, DROP_OUT_REASONS, type CourseType, type DropOutReason } from '../employment.vocabulary.js';
import { IsCalendarDate, Trim } from '../validators.js';

export class EnrolInTrainingDto {
  @ApiProperty({
    enum: COURSE_TYPES,
    description: '培训类别：焊工、电脑、烹饪、家政服务、服装加工、电工、驾驶、其他 / Course type: welding, computing, cooking, domestic service, garment making, electrician, driving, other',
  })
  @IsIn(COURSE_TYPES)
  courseType: CourseType;

  @ApiProperty({ description: '培训班名称 / Name of the course', example: '电焊工初级培训班' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  courseName: string;

  @ApiProperty({ description: '培训机构 / Training provider', example: '临汾市第四技校' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  provider: string;

  @ApiProperty({ description: '开课日期 / First day of the course (YYYY-MM-DD)', example: '2026-04-01' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ description: '结业日期（计划） / Last day of the course as planned (YYYY-MM-DD)', example: '2026-04-30' })
  @IsCalendarDate()
  endsOn: string;
}

export class CompleteTrainingDto {
  @ApiProperty({ description: '结业日期 / Date the course was completed (YYYY-MM-DD)', example: '2026-04-30' })
  @IsCalendarDate()
  completedOn: string;

  @ApiPropertyOptional({ description: '是否取得职业资格或结业证书，默认否 / Whether a certificate was obtained; no when omitted', default: false })
  @IsOptional()
  @IsBoolean()
  certified?: boolean;
}

export class DropOutOfTrainingDto {
  @ApiProperty({ description: '退学日期 / Date of leaving the course (YYYY-MM-DD)', example: '2026-04-15' })
  @IsCalendarDate()
  droppedOn: string;

  @ApiProperty({
    enum: DROP_OUT_REASONS,
    description: '中途退出原因：已就业、健康、家庭、迁出、失去联系、其他 / Why: found work, health, family, moved away, lost contact, other',
  })
  @IsIn(DROP_OUT_REASONS)
  reason: DropOutReason;
}
