import { Reflector } from '@nestjs/core';

/**
 * Declares a Graph route that any authenticated Graph caller may call, whatever its permissions:
 * ScopeGuard asks only for a Graph token. For a route that does nothing itself but pass the
 * caller on to routes that check their own permissions (`$batch`, whose every request goes
 * through the request pipeline again); a route declares this, @RequiredScopes or
 * @RoleBasedAccess.
 */
export const AuthenticationOnly = Reflector.createDecorator<void, true>({
  transform: () => true,
});
