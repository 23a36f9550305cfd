import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_LOSS_REASONS, SEEKER_KINDS, type JobLossReason, type SeekerKind } from '../employment.vocabulary.js';
import { IsCalendarDate } from '../validators.js';

export class RecordJobLossDto {
  @ApiProperty({ description: '失去工作的日期 / Date the job ended (YYYY-MM-DD)', example: '2026-09-30' })
  @IsCalendarDate()
  lostJobOn: string;

  @ApiProperty({
    enum: JOB_LOSS_REASONS,
    description: '失业原因：合同到期、裁员下岗、企业关停、本人辞职、被辞退、其他 / Why: contract ended, laid off, business closed, resigned, dismissed, other',
  })
  @IsIn(JOB_LOSS_REASONS)
  jobLossReason: JobLossReason;

  @ApiPropertyOptional({ enum: SEEKER_KINDS, description: '重新登记的类别，默认沿用原类别 / Kind for the new registration; unchanged when omitted' })
  @IsOptional()
  @IsIn(SEEKER_KINDS)
  kind?: SeekerKind;

  @ApiPropertyOptional({ description: '重新登记日期，默认今天 / Date of the new registration, today when omitted (YYYY-MM-DD)', example: '2026-10-08' })
  @IsOptional()
  @IsCalendarDate()
  registeredOn?: string;
}
