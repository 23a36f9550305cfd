import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { EMPLOYER_DECISIONS, MAX_TERM_YEARS, MIN_TERM_YEARS, type EmployerDecision } from '../bargaining.vocabulary.js';
import { IsCalendarDate, Optional, Trim } from '#http';

export class EmployerResponseDto {
  @ApiProperty({ enum: EMPLOYER_DECISIONS, description: '企业书面应约：accepted 同意协商，refused 拒绝 / The employer\'s written answer: accepts or refuses to negotiate' })
  @IsIn(EMPLOYER_DECISIONS)
  decision: EmployerDecision;

  @ApiProperty({ example: '2026-04-28', description: '书面回复日期 / Date of the written answer' })
  @IsCalendarDate()
  respondedOn: string;

  @ApiPropertyOptional({ example: '同意于五月上旬开始协商', description: '回复要点或拒绝理由 / Gist of the answer, or the reason for refusing' })
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RectificationOpinionDto {
  @ApiProperty({ example: '2026-05-01', description: '整改意见书下达日期 / Date the rectification opinion was issued' })
  @IsCalendarDate()
  issuedOn: string;

  @ApiProperty({ example: '尧都区总工会', description: '下达意见书的上级工会 / The higher union that issued it' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuedBy: string;

  @ApiProperty({ example: '请企业于收到本意见书后十日内书面应约', description: '整改意见 / The opinion: what the employer must put right' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  opinion: string;

  @ApiPropertyOptional({ example: '2026-05-11', description: '要求企业重新应约的期限 / Date by which the employer must answer again' })
  @Optional()
  @IsCalendarDate()
  respondBy?: string;
}

export class NegotiationRoundDto {
  @ApiProperty({ example: '2026-04-29', description: '协商会议日期 / Date the round was held' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ example: '双方就年度工资增长幅度交换意见', description: '协商纪要 / Minutes: what was discussed and agreed' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  summary: string;
}

export class AgreementDto {
  @ApiProperty({ example: '2026-04-30', description: '协议（集体合同）签订日期；须在10日内报送劳动部门备案 / Date signed; to be filed within 10 days' })
  @IsCalendarDate()
  signedOn: string;

  @ApiProperty({ minimum: MIN_TERM_YEARS, maximum: MAX_TERM_YEARS, example: 2, description: '期限（年，1至3年）/ Term in years, 1 to 3' })
  @IsInt()
  @Min(MIN_TERM_YEARS)
  @Max(MAX_TERM_YEARS)
  termYears: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10000,
    example: 500,
    description: '工资增长幅度，以万分之一计（500 即 5%）/ Agreed wage growth in basis points (500 is 5%)',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  wageGrowthBasisPoints?: number;

  @ApiPropertyOptional({ minimum: 0, example: 210000, description: '最低月工资（分）/ Agreed minimum monthly wage, in fen' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  minimumMonthlyWageFen?: number;

  @ApiPropertyOptional({ example: '计件单价随产量定额同步调整', description: '其他主要条款 / Other main terms' })
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  otherTerms?: string;
}

export class AdoptionDto {
  @ApiProperty({ example: '2026-05-01', description: '职工代表大会通过日期 / Date the workers\' congress adopted it' })
  @IsCalendarDate()
  adoptedOn: string;

  @ApiProperty({ minimum: 1, example: 45, description: '出席代表人数 / Delegates present' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  delegatesPresent: number;

  @ApiProperty({ minimum: 0, example: 41, description: '赞成票数（须超过出席代表半数）/ Votes in favour; more than half of those present adopt it' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  votesFor: number;
}

export class FilingDto {
  @ApiProperty({ example: '2026-05-01', description: '报送劳动保障部门备案日期 / Date filed with the labour bureau' })
  @IsCalendarDate()
  filedOn: string;

  @ApiProperty({ example: '尧都区人力资源和社会保障局', description: '受理备案的部门 / The bureau it was filed with' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  bureau: string;
}

export class BureauApprovalDto {
  @ApiProperty({ example: '2026-05-08', description: '劳动部门审查同意日期（备案后15日内）/ Date the bureau approved, within 15 days of filing' })
  @IsCalendarDate()
  approvedOn: string;
}

export class BureauObjectionDto {
  @ApiProperty({ example: '2026-05-08', description: '劳动部门提出异议日期（备案后15日内）/ Date the bureau objected, within 15 days of filing' })
  @IsCalendarDate()
  objectedOn: string;

  @ApiProperty({ example: '最低工资条款低于本地最低工资标准', description: '异议内容 / What the bureau objected to' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class WithdrawalDto {
  @ApiProperty({ example: '2026-06-01', description: '终止协商日期 / Date the talks were withdrawn' })
  @IsCalendarDate()
  withdrawnOn: string;

  @ApiProperty({ example: '企业已关闭', description: '终止原因 / Why the talks ended' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
