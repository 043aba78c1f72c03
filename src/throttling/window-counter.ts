/** The requests of a key in its current window, as a counter answers them. */
export interface Hit {
  /** Requests of the key in its current window, this one included. */
  readonly hits: number;
  /** Whole seconds (at least 1) until the window ends. */
  readonly secondsLeft: number;
}

/**
 * Counts requests per key in fixed windows: in this process (FixedWindowCounter, synchronous) or
 * in a store every replica shares (SharedWindowCounter). Also the token the guard is given.
 */
export abstract class WindowCounter {
  abstract hit(key: string): Hit | Promise<Hit>;
}

export function secondsUntil(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
