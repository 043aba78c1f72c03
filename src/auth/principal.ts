import { normalizeGuid } from '../values/guid.js';
import {
  AccessTokenValidationError,
  MissingPermissionClaimsError,
} from './auth.errors.js';

/** The claims of an Entra ID access token that this service reads. */
export interface AccessTokenClaims {
  tid?: unknown;
  oid?: unknown;
  appid?: unknown;
  azp?: unknown;
  scp?: unknown;
  roles?: unknown;
  wids?: unknown;
  amr?: unknown;
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  iat?: unknown;
}

/** Which API a token was issued for: Microsoft Graph, or Azure Resource Manager. */
export type TokenAudience = 'graph' | 'resource-manager';

/** Who is calling: a user through an app (delegated) or an app on its own (application). */
export interface Principal {
  readonly kind: 'delegated' | 'application';
  /** The API the token is for: a route of the other API refuses it. */
  readonly audience: TokenAudience;
  readonly tenantId: string;
  /** The user's (or the service principal's) object id. */
  readonly objectId?: string;
  readonly applicationId?: string;
  /** Delegated permissions (`scp`), for delegated callers. */
  readonly scopes: readonly string[];
  /** Application permissions (`roles`), for application callers. */
  readonly appRoles: readonly string[];
  /** Directory role template ids (`wids`). */
  readonly directoryRoleIds: readonly string[];
  /** Whether the user signed in with a second factor (`amr` holds `mfa`), for MfaRule. */
  readonly multiFactorAuthenticated: boolean;
  /** Recorded as the actor of what the caller does: the user, or the app for application tokens. */
  readonly actorId: string;
}

/**
 * The caller a verified token names. A Graph token must carry its permissions (`scp` or
 * `roles`); a Resource Manager application token usually carries none, as what it may do comes
 * from its role assignments at the scope.
 */
export function principalFromClaims(
  claims: AccessTokenClaims,
  audience: TokenAudience = 'graph',
): Principal {
  const tenantId = guidClaim(claims.tid);
  if (!tenantId) {
    throw new AccessTokenValidationError();
  }
  const objectId = guidClaim(claims.oid);
  const applicationId = guidClaim(claims.appid) ?? guidClaim(claims.azp);
  const directoryRoleIds = stringList(claims.wids).map((id) =>
    id.toLowerCase(),
  );
  if (typeof claims.scp === 'string' && claims.scp.trim() !== '') {
    if (!objectId) {
      throw new AccessTokenValidationError();
    }
    return {
      kind: 'delegated',
      audience,
      tenantId,
      objectId,
      applicationId,
      scopes: claims.scp.trim().split(/\s+/),
      appRoles: [],
      directoryRoleIds,
      multiFactorAuthenticated: stringList(claims.amr).includes('mfa'),
      actorId: objectId,
    };
  }
  if (Array.isArray(claims.roles) || audience === 'resource-manager') {
    // Azure role assignments name a service principal by its object id; Graph's audit, the app.
    const actorId =
      audience === 'resource-manager'
        ? (objectId ?? applicationId)
        : (applicationId ?? objectId);
    if (!actorId) {
      throw new AccessTokenValidationError();
    }
    return {
      kind: 'application',
      audience,
      tenantId,
      objectId,
      applicationId,
      scopes: [],
      appRoles: stringList(claims.roles),
      directoryRoleIds,
      multiFactorAuthenticated: false,
      actorId,
    };
  }
  throw new MissingPermissionClaimsError();
}

function guidClaim(value: unknown): string | undefined {
  return typeof value === 'string' ? normalizeGuid(value) : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
