import * as errors from '../auth/auth.errors.js';
import { registerArmWordings } from './arm-error-registry.js';
import { authorizationFailedMessage } from './arm-errors.js';

// RFC 6750: a 401 names the scheme and why the token was refused.
const INVALID_TOKEN_CHALLENGE = {
  'WWW-Authenticate': 'Bearer error="invalid_token"',
};

// The access layer's refusals, as Resource Manager words them.
registerArmWordings(errors, {
  EmptyAccessTokenError: () => ({
    status: 401,
    code: 'AuthenticationFailed',
    message: "Authentication failed. The 'Authorization' header is missing.",
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  AccessTokenValidationError: (error, call) => ({
    status: 401,
    ...invalidTokenWording(error.detail, call.acceptedAudiences),
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  AccessTokenExpiredError: () => ({
    status: 401,
    code: 'ExpiredAuthenticationToken',
    message: 'The access token has expired or is not yet valid.',
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  // Rights come from role assignments, not from the token's claims: a refusal is ARM's 403.
  MissingPermissionClaimsError: (_error, call) => ({
    status: 403,
    code: 'AuthorizationFailed',
    message: authorizationFailedMessage(call),
  }),
  UnauthorizedAccessError: (_error, call) => ({
    status: 403,
    code: 'AuthorizationFailed',
    message: authorizationFailedMessage(call),
  }),
});

function invalidTokenWording(
  detail: errors.AccessTokenValidationError['detail'],
  acceptedAudiences: readonly string[],
): { code: string; message: string } {
  if (detail === 'Invalid audience.') {
    return {
      code: 'InvalidAuthenticationTokenAudience',
      message: `The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences '${acceptedAudiences.join("','")}'.`,
    };
  }
  if (detail === 'Invalid issuer.') {
    return {
      code: 'InvalidAuthenticationTokenTenant',
      message:
        'The access token is from the wrong issuer. It must be issued by the tenant of the resource.',
    };
  }
  return {
    code: 'InvalidAuthenticationToken',
    message: 'The access token is invalid.',
  };
}
