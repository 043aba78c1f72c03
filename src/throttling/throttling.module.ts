import { Module } from '@nestjs/common';
import { CallerThrottleGuard } from './caller-throttle.guard.js';

/** Throttling per caller and tenant (THROTTLE_LIMIT, THROTTLE_WINDOW_SECONDS). */
@Module({
  // The request pipeline (AppModule) runs its guard after authentication has found the caller.
  providers: [CallerThrottleGuard],
  exports: [CallerThrottleGuard],
})
export class ThrottlingModule {}
