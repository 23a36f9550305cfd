import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsAsOf, Optional } from './validation.js';

/** `?asOf=`: figures as the log stood at an instant; now when left out. */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description:
      '截至何时：日期（当日北京时间 24 时）或带时区的时间；不填为现在 / As of: a date (the end of that day, Asia/Shanghai) or a date-time with its zone; now when left out',
  })
  @Optional()
  @IsAsOf()
  asOf?: string;
}
