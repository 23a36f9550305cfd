import { creditCodeProblem } from '#shared-kernel';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export { IsCalendarDate, Trim, TrimUpperCase } from '#http';

/** A unified social credit code whose check character is right; the message says what is wrong. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === undefined,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? `not a valid unified social credit code: ${creditCodeProblem(args.value)}` : 'must be a string',
      },
    });
}
