import { Reflector } from '@nestjs/core';

/**
 * Opens a route (or every route of a controller) to callers without a token: JwtAuthGuard and
 * ScopeGuard let it through, so it needs no @RequiredScopes. For operational routes such as the
 * health checks, and of Graph's only `$metadata`, which Graph serves anonymously.
 */
export const Public = Reflector.createDecorator<void, true>({
  transform: () => true,
});
