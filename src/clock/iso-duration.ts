import { Matches } from 'class-validator';

/**
 * An ISO 8601 duration as Graph writes them (PT8H, P90D, P1DT12H30M): at least one part, and a
 * `T` only before a time part. Groups: years, months, weeks, days, hours, minutes, seconds.
 */
export const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Validates a request or seed property as an ISO 8601 duration (ISO_DURATION). */
export function IsIsoDuration(): PropertyDecorator {
  return Matches(ISO_DURATION, {
    message: '$property must be an ISO 8601 duration such as PT8H',
  });
}

/**
 * The length of an ISO 8601 duration in milliseconds, years counted as 365 days and months as
 * 30 (Graph's schedules measure grants this way); `undefined` for text that is not one.
 */
export function durationMilliseconds(duration: string): number | undefined {
  const parts = ISO_DURATION.exec(duration);
  if (!parts) {
    return undefined;
  }
  const [years, months, weeks, days, hours, minutes, seconds] = parts
    .slice(1)
    .map((part) => Number(part ?? 0));
  const totalSeconds =
    (((years * 365 + months * 30 + weeks * 7 + days) * 24 + hours) * 60 +
      minutes) *
      60 +
    seconds;
  return totalSeconds * 1000;
}
