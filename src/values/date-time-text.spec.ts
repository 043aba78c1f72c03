import { isDateTimeText } from './date-time-text.js';

describe('isDateTimeText', () => {
  it.each([
    '2026-11-28T10:00:00Z',
    '2026-11-28T10:00:00.123Z',
    '2026-11-28T10:00:00.1234567+14:00',
    '2026-11-28T10:00:00-05:00',
    '2026-11-28',
    '2028-02-29T00:00:00Z',
    // class-validator's strict check read these years as 1901 to 1999 and refused them.
    '0001-01-01T00:00:00Z',
    '0050-06-15T10:20:30.456Z',
    '0099-12-31',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59-00:00',
    '0001-01-01T00:30:00-00:30',
  ])('accepts %p', (value) => {
    expect(isDateTimeText(value)).toBe(true);
  });

  // IsISO8601 accepts the basic forms; Date reads them as an invalid date.
  it.each([
    '20261128T100000Z',
    '20261128',
    '2026-W48-6',
    '2026-332',
    '2026-02-30T00:00:00Z',
    '2027-02-29',
    '2026-04-31T00:00:00Z',
    // Date reads these with its legacy parser: year 0050 as 1950.
    '0050-01-01 00:00:00Z',
    '2026-11-28 10:00:00Z',
    // Outside the storable years once read in UTC.
    '0000-12-31T23:59:59.999Z',
    '0001-01-01T00:00:00+00:01',
    '9999-12-31T23:59:59-00:01',
    '10000-01-01T00:00:00Z',
    '+010009-01-01T00:00:00Z',
    '2026-11-28T10:00:00+14',
    'now',
    '',
    20261128,
    null,
  ])('refuses %p', (value) => {
    expect(isDateTimeText(value)).toBe(false);
  });
});
