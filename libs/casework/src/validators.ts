import { residentIdProblem } from '#shared-kernel';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export { IsCalendarDate, Optional, Trim, TrimUpperCase } from '#http';

/**
 * A resident ID number (GB 11643-1999) with a right check character and a real birth date. The message says what
 * is wrong without repeating the number: problem details are logged and shown, and the number is personal data.
 */
export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && residentIdProblem(value) === undefined,
        defaultMessage: (args) => {
          if (typeof args?.value !== 'string') return 'must be a string';
          const problem = residentIdProblem(args.value) ?? '';
          // residentIdProblem quotes digits of the number; say only which rule failed.
          if (problem.startsWith('must be')) return 'not a valid resident ID number: must be 17 digits followed by a digit or X';
          if (problem.includes('birth date')) return 'not a valid resident ID number: positions 7-14 are not a real birth date';
          return 'not a valid resident ID number: the check character (the 18th) is wrong';
        },
      },
    });
}

/** The sex a resident ID number encodes: its 17th digit is odd for men, even for women. */
export function genderOfResidentId(residentId: string): 'male' | 'female' {
  return Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
}
