import { type Hit, secondsUntil, WindowCounter } from './window-counter.js';

interface Window {
  /** Epoch milliseconds at which the window ends and its count starts again from zero. */
  readonly endsAt: number;
  hits: number;
}

/**
 * Counts requests per key in fixed windows: O(1) time and memory per request and per key, one
 * small record per key with a running window. (The in-memory storage of @nestjs/throttler keeps
 * one timestamp per request and scans them on every request: 60–180 µs a request at 6,000 a
 * minute, and past about 150,000 it overflows the call stack.)
 *
 * A key may make up to twice the limit across the boundary of two windows. Counts live in this
 * process: with N replicas behind a load balancer a caller gets up to N times the limit, unless
 * they share a store (SharedWindowCounter).
 */
export class FixedWindowCounter extends WindowCounter {
  // A window is (re)inserted when it starts, and all have the same length: the map is ordered by
  // end time, so the windows that have ended are found at its start.
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMilliseconds: number,
    // The global Date at each hit, not the function it had at start: e2e tests move Date.
    private readonly now: () => number = () => Date.now(),
  ) {
    super();
  }

  /** How many keys have a running window. */
  get size(): number {
    return this.windows.size;
  }

  hit(key: string): Hit {
    const now = this.now();
    this.evictEnded(now);
    let window = this.windows.get(key);
    if (!window) {
      window = { endsAt: now + this.windowMilliseconds, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return {
      hits: window.hits,
      secondsLeft: secondsUntil(window.endsAt - now),
    };
  }

  private evictEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) {
        return;
      }
      this.windows.delete(key);
    }
  }
}
