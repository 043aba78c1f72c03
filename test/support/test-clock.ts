import { jest } from '@jest/globals';

/**
 * The moment every in-process test app's clock starts at, whatever the calendar says: the
 * fixtures' fixed dates (assignments ending 2026-12-02…08, requests of 2026-11-28) describe the
 * world as of this moment, so tests pass on any day the suite runs.
 */
export const TEST_NOW = new Date('2026-11-28T12:00:00.000Z');

/**
 * Runs `action` with the process's Date showing `moment` (epoch milliseconds), then restores it:
 * for what runs on the machine's time rather than the app's Clock (token expiry, throttling
 * windows), without waiting for real seconds to pass. Only Date is faked: timers, ticks and
 * performance.now keep running, so the app serves as usual.
 */
export async function atDate<T>(
  moment: number,
  action: () => Promise<T>,
): Promise<T> {
  jest.useFakeTimers({
    now: moment,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'Temporal',
    ],
  });
  try {
    return await action();
  } finally {
    jest.useRealTimers();
  }
}
