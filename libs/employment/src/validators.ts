import { residentIdProblem } from '#shared-kernel';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export { IsCalendarDate, Trim, TrimUpperCase } from '#http';

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
 * A resident ID number whose check character is right. The reason never repeats any digit of the number (not the
 * birth date, not the expected check character): problem documents must not carry personal data.
 */
export const IsResidentId = (options?: ValidationOptions) =>
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
export const IsPhone = (options?: ValidationOptions) =>
  rule(
    'isPhone',
    (value) => typeof value === 'string' && PHONE.test(value),
    () => 'must be a mobile number of 11 digits, or a landline with its area code such as 0357-1234567',
    options,
  );
