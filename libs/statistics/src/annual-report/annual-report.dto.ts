import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '#http';
import { PeriodQueryDto } from '../dashboard/figure-query.dto.js';

export const REPORT_LANGUAGES = ['zh', 'en'] as const;
export const REPORT_FORMATS = ['json', 'docx'] as const;

/** Unit, year (or part of one) and as-of as for the dashboard, plus the report's language and format. */
export class AnnualReportQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'zh', description: '语言：中文或英文 / Language: Chinese or English' })
  @Optional()
  @IsIn(REPORT_LANGUAGES)
  language?: (typeof REPORT_LANGUAGES)[number];

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: '格式：JSON 或 Word 文档下载 / Format: JSON, or a Word document to download' })
  @Optional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}
