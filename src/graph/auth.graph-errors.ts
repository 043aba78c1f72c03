import * as errors from '../auth/auth.errors.js';
import { registerGraphWordings } from './graph-error-registry.js';

// RFC 6750: a 401 names the scheme and why the token was refused.
const INVALID_TOKEN_CHALLENGE = {
  'WWW-Authenticate': 'Bearer error="invalid_token"',
};

// The access layer's refusals, as Graph words them.
registerGraphWordings(errors, {
  EmptyAccessTokenError: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Access token is empty.',
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  AccessTokenValidationError: (error) => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: error.detail
      ? `Access token validation failure. ${error.detail}`
      : 'Access token validation failure.',
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  AccessTokenExpiredError: () => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'Access token has expired or is not yet valid.',
    headers: INVALID_TOKEN_CHALLENGE,
  }),
  MissingPermissionClaimsError: () => ({
    status: 403,
    code: 'AccessDenied',
    message: 'Either scp or roles claim need to be present in the token.',
  }),
  UnauthorizedAccessError: () => ({
    status: 403,
    code: 'UnauthorizedAccessException',
    message: 'Attempted to perform an unauthorized operation.',
  }),
});
