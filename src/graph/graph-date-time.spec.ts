import { isGraphDateTime } from './graph-date-time.js';

describe('isGraphDateTime', () => {
  it.each([
    '2026-11-28T10:00:00Z',
    '2026-11-28T10:00:00.123Z',
    '2026-11-28T10:00:00.1234567+14:00',
    '2026-11-28T10:00:00-05:00',
    '2026-11-28',
  ])('accepts %p', (value) => {
    expect(isGraphDateTime(value)).toBe(true);
  });

  // IsISO8601 accepts the basic forms; Date reads them as an invalid date.
  it.each([
    '20261128T100000Z',
    '20261128',
    '2026-W48-6',
    '2026-332',
    '2026-02-30T00:00:00Z',
    '2026-11-28T10:00:00+14',
    'now',
    '',
    20261128,
    null,
  ])('refuses %p', (value) => {
    expect(isGraphDateTime(value)).toBe(false);
  });
});
