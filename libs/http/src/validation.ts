import { BadRequestException, Param, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { isCalendarDate } from '#shared-kernel';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Leading and trailing spaces from a pasted form field are not part of the value. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * Trimmed and upper-cased, for codes compared and stored upper-case: a resident ID number's check character x, a
 * credit code's letters.
 */
export const TrimUpperCase = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/**
 * An optional field: it may be left out, but when sent it must be valid (null is not a value). class-validator's
 * IsOptional would let null through, and a null where the schema says "string" is a request that does not fit it.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** A real calendar date written YYYY-MM-DD (no 2023-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a real date, YYYY-MM-DD',
      },
    });
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Flattens class-validator's tree into `field.path[0].name: reason` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    // A missing field fails every check on it; "is required" says what is actually wrong.
    const reasons = error.value === undefined && error.constraints ? ['is required'] : Object.values(error.constraints ?? {});
    const own = reasons.map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super('The request has invalid fields');
  }
}

/** Unknown fields are refused rather than dropped, so a typo in a field name is not silently lost. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    stopAtFirstError: true,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}

/** A path parameter that must be a UUID; a malformed one is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationException([{ field: name, reason: 'must be a UUID' }]) }),
  );
