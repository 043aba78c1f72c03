import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';
import { isStorableDate, STORABLE_YEARS_TEXT } from './storable-values.js';

// The calendar date an ISO 8601 text starts with, in its extended form.
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A date-time as every surface and the seed format write it (Graph's Edm.DateTimeOffset, ARM's
 * date-time): ISO 8601 that JavaScript's `Date` reads
 * as written, in the storable years. class-validator's `IsISO8601` also accepts forms `Date`
 * cannot read, such as the basic `20261128T100000Z`: they became an invalid date, stored or
 * failing as a 500. Its `strict` calendar check builds `new Date('50-06-15')`, the year 1950,
 * and so refused the years 0001 to 0099; `Date` reads a space instead of the `T` with the same
 * legacy parser: the separator must be `T`.
 */
export function isDateTimeText(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    isISO8601(value, { strictSeparator: true }) &&
    isCalendarDate(value) &&
    isStorableDate(new Date(value))
  );
}

/**
 * No February 30th: `Date` would read it as March 2nd. Checked with setUTCFullYear, as Date.UTC
 * reads the years 0 to 99 as 1900 to 1999.
 */
function isCalendarDate(text: string): boolean {
  const written = CALENDAR_DATE.exec(text);
  if (!written) {
    return true;
  }
  const [year, month, day] = written.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1;
}

export function IsDateTimeText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTimeText',
      validator: {
        validate: isDateTimeText,
        defaultMessage: () =>
          `$property must be an ISO 8601 date-time such as 2026-11-28T10:00:00Z, in ${STORABLE_YEARS_TEXT} (UTC)`,
      },
    },
    options,
  );
}
