import jwt from 'jsonwebtoken';

export interface DevelopmentTokenOptions {
  readonly tenantId: string;
  readonly objectId?: string;
  /** Delegated permissions; makes a delegated (user) token. */
  readonly scopes?: readonly string[];
  /** Application permissions; makes an application token. */
  readonly appRoles?: readonly string[];
  readonly applicationId?: string;
  readonly directoryRoleIds?: readonly string[];
  /** How the user signed in (`amr`), e.g. `pwd`, `mfa`. */
  readonly authenticationMethods?: readonly string[];
  readonly audience: string;
  /** Defaults to the v1 Entra ID issuer of the tenant. */
  readonly issuer?: string;
  readonly expiresInSeconds?: number;
}

/**
 * An HS256 access token shaped like Entra ID's, for a development server and for the tests:
 * `npm run token` and the e2e suites both mint through here.
 */
export function mintDevelopmentToken(
  options: DevelopmentTokenOptions,
  secret: string,
): string {
  const claims = {
    ver: '1.0',
    iss: options.issuer ?? `https://sts.windows.net/${options.tenantId}/`,
    tid: options.tenantId,
    ...(options.objectId && { oid: options.objectId }),
    ...(options.applicationId && { appid: options.applicationId }),
    ...(options.scopes && { scp: options.scopes.join(' ') }),
    ...(options.appRoles && { roles: [...options.appRoles], idtyp: 'app' }),
    ...(options.directoryRoleIds && { wids: [...options.directoryRoleIds] }),
    ...(options.authenticationMethods && {
      amr: [...options.authenticationMethods],
    }),
  };
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    audience: options.audience,
    expiresIn: options.expiresInSeconds ?? 3600,
  });
}
