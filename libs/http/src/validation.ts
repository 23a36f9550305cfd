import { applyDecorators, BadRequestException, Param, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { isAsOf, isCalendarDate, residentIdProblem } from '#shared-kernel';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, registerDecorator, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';

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
/**
 * A list of objects, each validated as `type`. ValidateNested alone looks inside a nested array as if it were the
 * list itself, so `[[]]` would pass and reach the handler; every item must be an object first.
 */
export function IsListOf(type: () => new () => object, options: { maxSize: number; itemName: string }): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(options.maxSize),
    IsObject({ each: true, message: `each ${options.itemName} must be an object` }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

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

function rule(name: string, validate: (value: unknown) => boolean, message: (value: unknown) => string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate, defaultMessage: (args) => message(args?.value) },
    });
}

/**
 * A resident ID number (GB 11643-1999) with a right check character and a real birth date. The reason never repeats
 * a digit of the number (not the birth date, not the expected check character): problem documents are shown and
 * logged, and the number is personal data.
 */
/** An as-of: a date (YYYY-MM-DD, the end of that day in Asia/Shanghai) or a date-time with its zone. */
export function IsAsOf(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAsOf',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isAsOf,
        defaultMessage: () => 'must be a date (YYYY-MM-DD, the end of that day in Asia/Shanghai) or a date-time with its zone (2026-06-30T16:00:00Z)',
      },
    });
}

export const IsResidentId = (options?: ValidationOptions): PropertyDecorator =>
  rule(
    'isResidentId',
    (value) => typeof value === 'string' && residentIdProblem(value) === undefined,
    (value) => {
      if (typeof value !== 'string') return 'must be a string';
      const problem = residentIdProblem(value) ?? '';
      if (problem.startsWith('check character')) return 'is not a valid resident ID number: the check character does not match (GB 11643-1999)';
      if (problem.includes('birth date')) return 'is not a valid resident ID number: positions 7-14 are not a real birth date';
      return 'is not a valid resident ID number: must be 17 digits followed by a digit or X';
    },
    options,
  );

/** A mainland mobile number (11 digits from 13x to 19x) or a landline with its area code (0357-1234567). */
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const IsPhone = (options?: ValidationOptions): PropertyDecorator =>
  rule(
    'isPhone',
    (value) => typeof value === 'string' && PHONE.test(value),
    () => 'must be a mobile number of 11 digits, or a landline with its area code such as 0357-1234567',
    options,
  );

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
