import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { CallerThrottleGuard } from './caller-throttle.guard.js';
import { CreateThrottleCounts1764400001710 } from './migrations/1764400001710-create-throttle-counts.js';
import { WindowCounter } from './window-counter.js';
import { createWindowCounter } from './window-counters.js';

/**
 * Throttling per caller and tenant (THROTTLE_LIMIT, THROTTLE_WINDOW_SECONDS), counted in Redis
 * (REDIS_URL), in the service's PostgreSQL, or in the process on SQLite.
 */
@Module({
  // The request pipeline (AppModule) runs its guard after authentication has found the caller.
  providers: [
    CallerThrottleGuard,
    {
      provide: WindowCounter,
      inject: [AppConfig, DataSource],
      useFactory: createWindowCounter,
    },
  ],
  exports: [CallerThrottleGuard],
})
export class ThrottlingModule {
  /** The PostgreSQL table of the counts every replica shares. */
  static readonly migrations = [CreateThrottleCounts1764400001710];
}
