import { Reflector } from '@nestjs/core';

/**
 * Declares that what a caller may do on a route comes from its Azure role assignments at the
 * scope, which the domain checks, not from permissions in the token: Azure Resource Manager's
 * model. ScopeGuard then asks only for a Resource Manager token; a route declares either this
 * or @RequiredScopes.
 */
export const RoleBasedAccess = Reflector.createDecorator<void, true>({
  transform: () => true,
});
