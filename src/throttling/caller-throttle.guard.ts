import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { AppConfig, type ThrottleConfig } from '../config/app-config.js';
import { TooManyRequestsError } from './throttling.errors.js';
import { type Hit, WindowCounter } from './window-counter.js';

/**
 * Limits the requests of each caller of each tenant (`tid` + the actor: the user, or the app for
 * application tokens) to THROTTLE_LIMIT per THROTTLE_WINDOW_SECONDS, over all routes together.
 * A global guard registered after authentication's: requests without a principal (the public
 * routes, such as /health) are not counted, and nothing is when THROTTLE_LIMIT is 0. Over the
 * limit: 429 `TooManyRequests` with `Retry-After`, and the handler does not run.
 */
@Injectable()
export class CallerThrottleGuard implements CanActivate {
  private readonly throttle: ThrottleConfig;

  constructor(
    config: AppConfig,
    private readonly counter: WindowCounter,
  ) {
    this.throttle = config.throttle;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.throttle.limit === 0) {
      return true;
    }
    const principal = context
      .switchToHttp()
      .getRequest<{ user?: Principal }>().user;
    if (!principal) {
      return true;
    }
    const hit = this.counter.hit(`${principal.tenantId}:${principal.actorId}`);
    // The process's own counter answers at once: no promise, no turn of the microtask queue.
    return hit instanceof Promise
      ? hit.then((counted) => this.allows(counted))
      : this.allows(hit);
  }

  private allows({ hits, secondsLeft }: Hit): true {
    if (hits > this.throttle.limit) {
      throw new TooManyRequestsError(
        this.throttle.limit,
        this.throttle.windowSeconds,
        secondsLeft,
      );
    }
    return true;
  }
}
