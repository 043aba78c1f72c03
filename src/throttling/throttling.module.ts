import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CallerThrottleGuard } from './caller-throttle.guard.js';

/** Throttling per caller and tenant (THROTTLE_LIMIT, THROTTLE_WINDOW_SECONDS). */
@Module({
  // Imported after AuthModule (app.module.ts): its guards have found the caller by then.
  providers: [{ provide: APP_GUARD, useClass: CallerThrottleGuard }],
})
export class ThrottlingModule {}
