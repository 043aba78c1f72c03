import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A date-time of a request body (Edm.DateTimeOffset): ISO 8601 that JavaScript's `Date` reads.
 * class-validator's `IsISO8601` also accepts forms `Date` cannot read, such as the basic
 * `20261128T100000Z`: they became an invalid date, stored or failing as a 500.
 */
export function isGraphDateTime(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    isISO8601(value, { strict: true }) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function IsGraphDateTime(
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGraphDateTime',
      validator: {
        validate: isGraphDateTime,
        defaultMessage: () =>
          '$property must be an ISO 8601 date-time such as 2026-11-28T10:00:00Z',
      },
    },
    options,
  );
}
