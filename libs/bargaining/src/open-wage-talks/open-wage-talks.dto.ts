import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { TALKS_SCOPES, TALKS_TOPICS, type TalksScope, type TalksTopic } from '../bargaining.vocabulary.js';
import { IsCalendarDate } from '#http';

export class OpenWageTalksDto {
  @ApiProperty({
    enum: TALKS_SCOPES,
    description: '协商范围：enterprise 单个企业、regional 区域性、industry 行业性 / Scope: one enterprise, regional or industry-wide',
  })
  @IsIn(TALKS_SCOPES)
  scope: TalksScope;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: '覆盖企业（须已建会；单个企业协商恰好一家，区域性、行业性至少两家）/ Covered enterprises, all unionized: exactly one for scope enterprise, two or more otherwise',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  coveredEnterpriseIds: string[];

  @ApiProperty({ format: 'uuid', description: '发出要约的工会 / The union that sends the offer to negotiate' })
  @IsUUID()
  initiatingUnionId: string;

  @ApiProperty({ example: '2026-04-20', description: '要约书发出日期（企业须在20日内书面应约）/ Date of the written offer; the employer must answer within 20 days' })
  @IsCalendarDate()
  offerDate: string;

  @ApiProperty({
    enum: TALKS_TOPICS,
    isArray: true,
    description:
      '协商议题：工资增长、最低工资、计件单价、劳动定额、女职工特殊保护 / Topics: wage growth, minimum wage, piece rates, labour quotas, women workers\' special protection',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TALKS_TOPICS.length)
  @IsIn(TALKS_TOPICS, { each: true })
  topics: TalksTopic[];

  @ApiProperty({ format: 'uuid', description: '负责跟进的工会组织（覆盖企业须在其本级或下级）/ The federation unit that follows the talks; covered enterprises must be in it or below it' })
  @IsUUID()
  unitId: string;
}
