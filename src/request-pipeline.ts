import type { ExecutionContext } from '@nestjs/common';

/** One check of the pipeline: it lets the request go on, refuses it (throws) or answers false. */
export interface RequestCheck {
  canActivate(context: ExecutionContext): boolean | Promise<boolean>;
}

/**
 * The checks every routed request passes before its handler, in the order given: the one global
 * guard of the application, so that the order is written once (AppModule) instead of following
 * the order in which modules happen to be imported. The first check that refuses ends it.
 */
export class RequestPipeline {
  constructor(private readonly checks: readonly RequestCheck[]) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const check of this.checks) {
      const verdict = check.canActivate(context);
      // Awaiting a plain answer still costs a turn of the microtask queue on every request.
      if (!(verdict instanceof Promise ? await verdict : verdict)) {
        return false;
      }
    }
    return true;
  }
}
