import { resolveRelativeTimes } from './relative-times.js';

const NOW = new Date('2031-05-17T08:30:00.000Z');
const at = (milliseconds: number) =>
  new Date(NOW.getTime() + milliseconds).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('resolveRelativeTimes', () => {
  it.each([
    ['now', at(0)],
    ['now-PT2H', at(-2 * HOUR)],
    ['now+P90D', at(90 * DAY)],
    ['now+P1DT12H30M', at(36.5 * HOUR)],
    ['now-P1Y', at(-365 * DAY)],
  ])('reads %s at the given moment', (text, instant) => {
    const { records, problems } = resolveRelativeTimes(
      'things',
      [{ id: 'a', startDateTime: text }],
      NOW,
    );

    expect(records).toEqual([{ id: 'a', startDateTime: instant }]);
    expect(problems.size).toBe(0);
  });

  it('resolves every property named …DateTime at any depth, arrays included, and nothing else', () => {
    const record = {
      id: 'a',
      requestedDateTime: 'now-PT1H',
      reason: 'now',
      schedule: { startDateTime: 'now', endDateTime: null, duration: 'PT8H' },
      history: [{ occurredDateTime: 'now-P1D' }, { note: 'now+P1D' }],
    };

    const { records } = resolveRelativeTimes('things', [record], NOW);

    expect(records).toEqual([
      {
        id: 'a',
        requestedDateTime: at(-HOUR),
        reason: 'now',
        schedule: { startDateTime: at(0), endDateTime: null, duration: 'PT8H' },
        history: [{ occurredDateTime: at(-DAY) }, { note: 'now+P1D' }],
      },
    ]);
  });

  it('leaves absolute dates, other values and untouched records as they are, and the input unchanged', () => {
    const untouched = {
      id: 'a',
      startDateTime: '2026-11-28T10:00:00Z',
      schedule: { endDateTime: 'not a date' },
    };
    const changed = { id: 'b', schedule: { startDateTime: 'now' } };

    const { records } = resolveRelativeTimes(
      'things',
      [untouched, changed, 7],
      NOW,
    );

    expect(records[0]).toBe(untouched);
    expect(records[2]).toBe(7);
    expect(changed.schedule.startDateTime).toBe('now');
  });

  it.each([
    ['now + PT2H'],
    ['now+2 hours'],
    ['now+PT'],
    ['now+P1H'],
    ['now*P1D'],
    ['Now-PT2H'],
    ['nowadays'],
    [' now'],
  ])("names '%s' by its place as not a relative time", (text) => {
    const { problems } = resolveRelativeTimes(
      'things',
      [{ id: 'a' }, { id: 'b', schedule: { endDateTime: text } }],
      NOW,
    );

    expect([...problems]).toEqual([
      [
        'things[1].schedule.endDateTime',
        `'${text}' is not a relative time; write now, now+P90D or now-PT2H (an ISO 8601 duration)`,
      ],
    ]);
  });

  it('names a relative time that falls outside the years 0001 to 9999', () => {
    const { problems } = resolveRelativeTimes(
      'things',
      [{ id: 'a', endDateTime: 'now+P9000Y' }],
      NOW,
    );

    expect([...problems]).toEqual([
      [
        'things[0].endDateTime',
        "'now+P9000Y' falls outside the years 0001 to 9999",
      ],
    ]);
  });
});
