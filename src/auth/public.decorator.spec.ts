import { type ExecutionContext, Logger, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { UnauthorizedAccessError } from './auth.errors.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { Public } from './public.decorator.js';
import { ScopeGuard } from './scope.guard.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

class ProbesController {
  @Public()
  live(): void {}

  undeclared(): void {}
}

@Public()
class OpenController {
  anything(): void {}
}

/** An HTTP request without any Authorization header, and so without a user. */
function anonymousContext(
  controller: Type,
  handlerName: string,
): ExecutionContext {
  const handler = Reflect.get(controller.prototype, handlerName) as () => void;
  const request = { headers: {} as Record<string, string> };
  const http = {
    getRequest: () => request,
    getResponse: () => ({}),
    getNext: () => undefined,
  };
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => handler,
    getArgs: () => [request, {}],
    getArgByIndex: (index: number) => [request, {}][index],
    switchToHttp: () => http,
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as ExecutionContext;
}

describe('@Public()', () => {
  const reflector = new Reflector();
  const authentication = new JwtAuthGuard(
    new VerifiedTokenCache({
      auth: { clockToleranceSeconds: 60 },
    } as AppConfig),
    reflector,
  );
  const permissions = new ScopeGuard(reflector);

  // The refusal below is logged as a warning, by design.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it.each([
    ['a @Public() route', ProbesController, 'live'],
    ['a route of a @Public() controller', OpenController, 'anything'],
  ])(
    'lets an anonymous request to %s through both guards, authenticating no one',
    async (_case, controller, handlerName) => {
      const context = anonymousContext(controller, handlerName);

      await expect(authentication.canActivate(context)).resolves.toBe(true);
      expect(permissions.canActivate(context)).toBe(true);
      expect(context.switchToHttp().getRequest()).not.toHaveProperty('user');
    },
  );

  it('leaves other routes closed: a route without @Public() or @RequiredScopes is refused', () => {
    const context = anonymousContext(ProbesController, 'undeclared');

    expect(() => permissions.canActivate(context)).toThrow(
      UnauthorizedAccessError,
    );
  });
});
