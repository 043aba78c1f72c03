import { grantOf } from './role-assignment-request-creation.service.js';
import { ScheduleBeyondStorableYearsError } from '../role-assignment-request.errors.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');

describe('grantOf', () => {
  it('ends a schedule of a duration at its start plus the duration', () => {
    expect(
      grantOf(
        'AdminAdd',
        { startDateTime: '0050-06-15T10:20:30.456Z', duration: 'P1D' },
        NOW,
      ),
    ).toEqual({
      start: new Date('0050-06-15T10:20:30.456Z'),
      end: new Date('0050-06-16T10:20:30.456Z'),
    });
  });

  it('takes an end at the last instant of 9999', () => {
    expect(
      grantOf(
        'AdminAdd',
        { startDateTime: '9999-12-30T23:59:59.999Z', duration: 'P1D' },
        NOW,
      ),
    ).toEqual({
      start: new Date('9999-12-30T23:59:59.999Z'),
      end: new Date('9999-12-31T23:59:59.999Z'),
    });
  });

  // SQLite stored an end in 10000 as 0000: the assignment had ended before it began.
  it.each(['P1D', 'P275760Y'])(
    'refuses a duration of %s that ends the schedule past 9999',
    (duration) => {
      const grant = () =>
        grantOf(
          'AdminAdd',
          { startDateTime: '9999-12-31T00:00:00.000Z', duration },
          NOW,
        );

      expect(grant).toThrow(ScheduleBeyondStorableYearsError);
    },
  );
});
