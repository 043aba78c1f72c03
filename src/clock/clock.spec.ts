import { Clock } from './clock.js';

describe('Clock', () => {
  it('runs from the moment it is set to', () => {
    const clock = new Clock();
    clock.setTo(new Date('0050-06-15T10:20:30.456Z'));

    const elapsed =
      clock.now().getTime() - Date.parse('0050-06-15T10:20:30.456Z');

    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(1000);
  });

  // Run on, it would stamp requests with the year 10000, which SQLite stored as 0000.
  it('stops at the last instant of 9999', () => {
    const clock = new Clock();
    clock.setTo(new Date('9999-12-31T23:59:59.999Z'));
    clock.advanceBy(1000);

    expect(clock.now().toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });
});
