import type { PermissionRequirement } from '../auth/required-scopes.decorator.js';
import type { SystemQueryOption } from '../graph/odata/query-options.js';

/** What the application declares about one route, read from its handler's metadata. */
export interface DocumentedRoute {
  /** The operationId the document gives the route's operation. */
  readonly operationId: string;
  /** `@RequiredScopes`; undefined when the route declares none (then it is refused to everyone). */
  readonly permissions?: PermissionRequirement;
  /** `@AuthenticationOnly()`: any Graph token, the route needing no permission of its own. */
  readonly authenticationOnly?: boolean;
  /** `@Public()`: served without a token (`$metadata`, as Graph serves it). */
  readonly public?: boolean;
  /** `@ODataQueryOptions`: the system query options it supports. */
  readonly queryOptions: readonly SystemQueryOption[];
  /** `@NoRequestBody`. */
  readonly noRequestBody: boolean;
  /**
   * The api-versions of a Resource Manager route (`@ResourceManagerController`); undefined for
   * every other route, Graph's and the service's own.
   */
  readonly apiVersions?: readonly string[];
  /** The class `@ArmBody` validates the request body against. */
  readonly bodyClass?: new () => object;
}

/**
 * The operationId of the handler an operation belongs to: the document numbers the operations
 * of a handler with several paths (`…_navigate[0]`, `…_navigate[1]`: one per navigation).
 */
export function handlerOperationIdOf(operationId: string): string {
  return operationId.replace(/\[\d+\]$/, '');
}
