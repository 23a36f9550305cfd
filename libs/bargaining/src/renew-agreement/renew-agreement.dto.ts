import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { TALKS_TOPICS, type TalksTopic } from '../bargaining.vocabulary.js';
import { IsCalendarDate } from '#http';

export class RenewAgreementDto {
  @ApiProperty({
    example: '2028-03-01',
    description: '续订要约日期（合同期满前三个月内）/ Date renewal is requested: in the last 3 months of the term; the new talks\' offer date',
  })
  @IsCalendarDate()
  requestedOn: string;

  @ApiProperty({ format: 'uuid', description: '发出续订要约的工会 / The union that sends the offer to renew' })
  @IsUUID()
  initiatingUnionId: string;

  @ApiProperty({
    enum: TALKS_TOPICS,
    isArray: true,
    description: '新一轮协商议题 / Topics of the new talks: wage growth, minimum wage, piece rates, labour quotas, women workers\' special protection',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TALKS_TOPICS.length)
  @IsIn(TALKS_TOPICS, { each: true })
  topics: TalksTopic[];
}
