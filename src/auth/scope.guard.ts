import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccessTokenValidationError,
  UnauthorizedAccessError,
} from './auth.errors.js';
import { AuthenticationOnly } from './authentication-only.decorator.js';
import type { Principal, TokenAudience } from './principal.js';
import { Public } from './public.decorator.js';
import { RoleBasedAccess } from './role-based-access.decorator.js';
import {
  type PermissionRequirement,
  RequiredScopes,
} from './required-scopes.decorator.js';

/** Microsoft accounts (outlook.com and the like) all sign in through this tenant. */
export const PERSONAL_ACCOUNT_TENANT_ID =
  '9188040d-6c67-4c5b-b112-36a304b66dad';

/**
 * Checks the caller's token is for the route's API and grants one of the permissions the route
 * declares: a Graph route's @RequiredScopes, or, for a @RoleBasedAccess() route, a Resource
 * Manager token (the domain checks its role assignments), or, for an @AuthenticationOnly() route,
 * a Graph token. @Public() routes need none.
 */
@Injectable()
export class ScopeGuard implements CanActivate {
  private readonly logger = new Logger(ScopeGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(Public, targets)) {
      return true;
    }
    const principal = context
      .switchToHttp()
      .getRequest<{ user: Principal }>().user;
    if (this.reflector.getAllAndOverride(RoleBasedAccess, targets)) {
      return requireAudience(principal, 'resource-manager');
    }
    if (this.reflector.getAllAndOverride(AuthenticationOnly, targets)) {
      return requireAudience(principal, 'graph');
    }
    const requirement = this.reflector.getAllAndOverride(
      RequiredScopes,
      targets,
    );
    if (!requirement) {
      this.logger.warn(
        `${context.getClass().name}.${context.getHandler().name} declares no @RequiredScopes: refused`,
      );
      throw new UnauthorizedAccessError();
    }
    requireAudience(principal, 'graph');
    if (!isPermitted(principal, requirement)) {
      throw new UnauthorizedAccessError();
    }
    return true;
  }
}

function requireAudience(principal: Principal, audience: TokenAudience): true {
  if (principal.audience !== audience) {
    throw new AccessTokenValidationError('Invalid audience.');
  }
  return true;
}

export function isPermitted(
  principal: Principal,
  requirement: PermissionRequirement,
): boolean {
  if (principal.tenantId === PERSONAL_ACCOUNT_TENANT_ID) {
    return false;
  }
  const granted =
    principal.kind === 'delegated' ? principal.scopes : principal.appRoles;
  const accepted = new Set(
    requirement[principal.kind].map((name) => name.toLowerCase()),
  );
  return granted.some((name) => accepted.has(name.toLowerCase()));
}
