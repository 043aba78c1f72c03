import { Reflector } from '@nestjs/core';

/** The permissions of which a caller needs at least one, by kind of caller. */
export interface PermissionRequirement {
  /** Accepted in a delegated token's `scp`. */
  readonly delegated: readonly string[];
  /** Accepted in an application token's `roles`. */
  readonly application: readonly string[];
}

/** Declares the permissions a route needs; a route without it is refused to everyone. */
export const RequiredScopes =
  Reflector.createDecorator<PermissionRequirement>();
