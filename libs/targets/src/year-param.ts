import { Param, type PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '#http';

export const MIN_TARGET_YEAR = 2000;
export const MAX_TARGET_YEAR = 2100;

class ParseYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < MIN_TARGET_YEAR || Number(value) > MAX_TARGET_YEAR) {
      throw new RequestValidationException([{ field: 'year', reason: `must be a year from ${MIN_TARGET_YEAR} to ${MAX_TARGET_YEAR}` }]);
    }
    return Number(value);
  }
}

/** A path parameter holding a calendar year such as 2026; anything else is a 400 naming it. */
export const YearParam = (name = 'year'): ParameterDecorator => Param(name, new ParseYearPipe());
