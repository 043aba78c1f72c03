import { GraphError } from '../graph/graph-error.js';

/** A caller of a tenant made more requests in the current window than THROTTLE_LIMIT allows. */
export class TooManyRequestsError extends GraphError {
  constructor(limit: number, windowSeconds: number, retryAfterSeconds: number) {
    super(
      429,
      'TooManyRequests',
      `Too many requests: a caller may make ${limit} ${plural(limit, 'request')} ` +
        `every ${windowSeconds} ${plural(windowSeconds, 'second')}. ` +
        `Retry after ${retryAfterSeconds} ${plural(retryAfterSeconds, 'second')}.`,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
