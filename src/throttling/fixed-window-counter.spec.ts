import { FixedWindowCounter } from './fixed-window-counter.js';

describe('FixedWindowCounter', () => {
  let now: number;
  const counter = () => new FixedWindowCounter(5000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts the hits of a key within its window, and the seconds left, rounded up', () => {
    const windows = counter();

    expect(windows.hit('a')).toEqual({ hits: 1, secondsLeft: 5 });
    now += 1200;
    expect(windows.hit('a')).toEqual({ hits: 2, secondsLeft: 4 });
    now += 3700;
    expect(windows.hit('a')).toEqual({ hits: 3, secondsLeft: 1 });
  });

  it('counts each key on its own', () => {
    const windows = counter();
    windows.hit('a');
    windows.hit('a');

    expect(windows.hit('b')).toEqual({ hits: 1, secondsLeft: 5 });
    expect(windows.hit('a').hits).toBe(3);
  });

  it('starts a new window from zero when the window has ended', () => {
    const windows = counter();
    windows.hit('a');
    windows.hit('a');

    now += 5000;

    expect(windows.hit('a')).toEqual({ hits: 1, secondsLeft: 5 });
  });

  it('forgets the keys whose window has ended', () => {
    const windows = counter();
    windows.hit('a');
    now += 2000;
    windows.hit('b');
    expect(windows.size).toBe(2);

    now += 3000;
    windows.hit('c');
    expect(windows.size).toBe(2);

    now += 2000;
    windows.hit('c');
    expect(windows.size).toBe(1);
  });

  it('keeps the map ordered by end time when a key starts a new window', () => {
    const windows = counter();
    windows.hit('a');
    now += 1000;
    windows.hit('b');
    now += 4000;
    // 'a' ended and starts again: it goes behind 'b', whose window ends first.
    windows.hit('a');
    now += 1000;

    windows.hit('c');

    expect(windows.size).toBe(2);
    expect(windows.hit('a').hits).toBe(2);
  });
});
