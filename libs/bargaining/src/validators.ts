import { isCalendarDate } from '#shared-kernel';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export { Trim } from '#http';

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
