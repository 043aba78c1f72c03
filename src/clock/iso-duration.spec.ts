import { durationMilliseconds } from './iso-duration.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('durationMilliseconds', () => {
  it.each([
    ['PT8H', 8 * HOUR],
    ['P90D', 90 * DAY],
    ['P2W', 14 * DAY],
    ['P1Y', 365 * DAY],
    ['P1M', 30 * DAY],
    ['PT1M', 60_000],
    ['P1DT2H30M', 26.5 * HOUR],
    ['PT1.5S', 1_500],
    ['P1Y2M3W4DT5H6M7S', (365 + 60 + 21 + 4) * DAY + 5 * HOUR + 367_000],
  ])('%s is %d ms', (duration, milliseconds) => {
    expect(durationMilliseconds(duration)).toBe(milliseconds);
  });

  it.each(['P', 'PT', 'P1H', 'PT1D', '8 hours', 'pt8h', '-PT8H', ''])(
    "'%s' is not a duration",
    (text) => {
      expect(durationMilliseconds(text)).toBeUndefined();
    },
  );
});
