import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type RateLimiterAbstract,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { type Hit, secondsUntil, WindowCounter } from './window-counter.js';

/**
 * Counts requests per key in fixed windows kept in a store every replica shares (Redis, or the
 * service's PostgreSQL), through rate-limiter-flexible: N replicas together allow a caller
 * THROTTLE_LIMIT requests per window, not N times it.
 *
 * When the store fails (Redis down, a database error), the request is counted in this process
 * instead, as without a shared store: an outage of the store neither fails requests nor lifts
 * the limit, it only makes it per replica until the store answers again. The outage and its end
 * are logged once each, not on every request.
 */
export class SharedWindowCounter
  extends WindowCounter
  implements OnModuleDestroy
{
  private readonly logger = new Logger(SharedWindowCounter.name);
  private storeFailing = false;

  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly limit: number,
    private readonly fallback: FixedWindowCounter,
    private readonly storeName: string,
    /** Ends the store's own connection, if it has one (Redis; the database's pool is not ours). */
    private readonly closeStore: () => Promise<void> = () => Promise.resolve(),
  ) {
    super();
  }

  async hit(key: string): Promise<Hit> {
    try {
      const counted = await this.store.consume(key);
      this.recovered();
      return {
        hits: counted.consumedPoints,
        secondsLeft: secondsUntil(counted.msBeforeNext),
      };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        // A key over the limit is refused from this replica's memory until its window ends,
        // without a round trip to the store: that refusal carries no count of its own.
        return {
          hits: Math.max(refusal.consumedPoints, this.limit + 1),
          secondsLeft: secondsUntil(refusal.msBeforeNext),
        };
      }
      return this.countLocally(key, refusal);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.closeStore();
  }

  private countLocally(key: string, error: unknown): Hit {
    if (!this.storeFailing) {
      this.storeFailing = true;
      this.logger.error(
        `The throttle's store (${this.storeName}) failed; counting in this process until it answers again: ${String(error)}`,
      );
    }
    return this.fallback.hit(key);
  }

  private recovered(): void {
    if (this.storeFailing) {
      this.storeFailing = false;
      this.logger.log(
        `The throttle's store (${this.storeName}) answers again; counting there`,
      );
    }
  }
}
