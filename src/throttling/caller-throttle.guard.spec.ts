import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { AppConfig } from '../config/app-config.js';
import { CallerThrottleGuard } from './caller-throttle.guard.js';
import { FixedWindowCounter } from './fixed-window-counter.js';
import { TooManyRequestsError } from './throttling.errors.js';

const TENANT_A = '0a0a0a0a-0000-4000-8000-00000000000a';
const TENANT_B = '0b0b0b0b-0000-4000-8000-00000000000b';
const USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';
const OTHER_USER = 'c1c1c1c1-0000-4000-8000-0000000000c1';

function caller(tenantId: string, actorId: string): Principal {
  return {
    kind: 'delegated',
    audience: 'graph',
    tenantId,
    objectId: actorId,
    scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
    appRoles: [],
    directoryRoleIds: [],
    multiFactorAuthenticated: false,
    actorId,
  };
}

function contextOf(user?: Principal): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

function guardWith(limit: number, windowSeconds = 60): CallerThrottleGuard {
  return new CallerThrottleGuard(
    { throttle: { limit, windowSeconds } } as AppConfig,
    new FixedWindowCounter(windowSeconds * 1000),
  );
}

/** The guard's answer, which the process's own counter gives without a promise. */
function answerAtOnce(guard: CallerThrottleGuard, user?: Principal): boolean {
  const answer = guard.canActivate(contextOf(user));
  if (answer instanceof Promise) {
    throw new Error('the in-process counter answers at once');
  }
  return answer;
}

function refusal(guard: CallerThrottleGuard, user: Principal): unknown {
  try {
    answerAtOnce(guard, user);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('CallerThrottleGuard', () => {
  it('lets a caller make THROTTLE_LIMIT requests, then refuses with 429 TooManyRequests and Retry-After', () => {
    const guard = guardWith(3, 60);
    const user = caller(TENANT_A, USER);

    for (let call = 0; call < 3; call += 1) {
      expect(answerAtOnce(guard, user)).toBe(true);
    }
    const error = refusal(guard, user);

    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({
      status: 429,
      code: 'TooManyRequests',
      message:
        'Too many requests: a caller may make 3 requests every 60 seconds. Retry after 60 seconds.',
      headers: { 'Retry-After': '60' },
    });
  });

  it('keeps refusing the caller for the rest of the window', () => {
    const guard = guardWith(1);
    const user = caller(TENANT_A, USER);
    answerAtOnce(guard, user);

    expect(refusal(guard, user)).toBeInstanceOf(TooManyRequestsError);
    expect(refusal(guard, user)).toBeInstanceOf(TooManyRequestsError);
  });

  it('counts each caller of a tenant, and the same caller id in each tenant, on its own', () => {
    const guard = guardWith(1);
    answerAtOnce(guard, caller(TENANT_A, USER));

    expect(answerAtOnce(guard, caller(TENANT_A, OTHER_USER))).toBe(true);
    expect(answerAtOnce(guard, caller(TENANT_B, USER))).toBe(true);
    expect(refusal(guard, caller(TENANT_A, USER))).toBeInstanceOf(
      TooManyRequestsError,
    );
  });

  it('does not count requests without a principal (public routes)', () => {
    const guard = guardWith(1);

    for (let call = 0; call < 5; call += 1) {
      expect(answerAtOnce(guard, undefined)).toBe(true);
    }
    expect(answerAtOnce(guard, caller(TENANT_A, USER))).toBe(true);
  });

  it("waits for a shared store's count, and refuses past the limit as with its own", async () => {
    const counts = new FixedWindowCounter(60_000);
    const guard = new CallerThrottleGuard(
      { throttle: { limit: 1, windowSeconds: 60 } } as AppConfig,
      { hit: (key: string) => Promise.resolve(counts.hit(key)) },
    );
    const user = caller(TENANT_A, USER);

    await expect(guard.canActivate(contextOf(user))).resolves.toBe(true);
    await expect(guard.canActivate(contextOf(user))).rejects.toMatchObject({
      status: 429,
      code: 'TooManyRequests',
      headers: { 'Retry-After': '60' },
    });
  });

  it('throttles nothing when THROTTLE_LIMIT is 0', () => {
    const guard = guardWith(0);
    const user = caller(TENANT_A, USER);

    for (let call = 0; call < 100; call += 1) {
      expect(answerAtOnce(guard, user)).toBe(true);
    }
  });
});

describe('TooManyRequestsError', () => {
  it('speaks of one request and one second in the singular', () => {
    expect(new TooManyRequestsError(1, 1, 1).message).toBe(
      'Too many requests: a caller may make 1 request every 1 second. Retry after 1 second.',
    );
  });
});
