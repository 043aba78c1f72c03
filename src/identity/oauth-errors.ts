/**
 * A refusal of the development token endpoints, in Entra ID's OAuth 2.0 terms: the `error` of
 * RFC 6749 5.2, Entra's AADSTS code and its wording. IdentityExceptionFilter answers it.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export function missingParameterError(parameter: string): OAuthError {
  return new OAuthError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${parameter}'.`,
  );
}

export function unsupportedGrantTypeError(grantType: string): OAuthError {
  return new OAuthError(
    400,
    'unsupported_grant_type',
    70003,
    `The app requested an unsupported grant type '${grantType}'. This token endpoint issues tokens for the client_credentials grant only.`,
  );
}

export function unknownTenantError(tenant: string): OAuthError {
  return new OAuthError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenant}' not found. The development identity endpoints know tenants by their id (a GUID).`,
  );
}

export function unknownClientError(
  clientId: string,
  tenantId: string,
): OAuthError {
  return new OAuthError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. Declare it in the seed's \`clients\` (docs/emulator.md, "Signing in like an app").`,
  );
}

export function invalidSecretError(clientId: string): OAuthError {
  return new OAuthError(
    401,
    'invalid_client',
    7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value of app '${clientId}'.`,
  );
}

export function invalidScopeError(scope: string): OAuthError {
  return new OAuthError(
    400,
    'invalid_scope',
    1002012,
    `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  );
}

export function unknownResourceError(
  resource: string,
  tenantId: string,
): OAuthError {
  return new OAuthError(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenantId}. This service issues tokens for the audiences it accepts (AUTH_AUDIENCE, AUTH_RESOURCE_MANAGER_AUDIENCE).`,
  );
}

export function unsupportedFlowError(): OAuthError {
  return new OAuthError(
    400,
    'invalid_request',
    900561,
    'The development identity endpoints support the client credentials grant at the token endpoint only: there is no interactive sign-in.',
  );
}
