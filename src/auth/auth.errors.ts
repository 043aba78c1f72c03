import { GraphError } from '../graph/graph-error.js';

// RFC 6750: a 401 names the scheme and why the token was refused.
const INVALID_TOKEN_CHALLENGE = {
  'WWW-Authenticate': 'Bearer error="invalid_token"',
};

export class EmptyAccessTokenError extends GraphError {
  constructor() {
    super(
      401,
      'InvalidAuthenticationToken',
      'Access token is empty.',
      INVALID_TOKEN_CHALLENGE,
    );
  }
}

export class AccessTokenValidationError extends GraphError {
  /** What was wrong with the token, when more than its signature or claims' shape. */
  constructor(readonly detail?: 'Invalid audience.' | 'Invalid issuer.') {
    super(
      401,
      'InvalidAuthenticationToken',
      detail
        ? `Access token validation failure. ${detail}`
        : 'Access token validation failure.',
      INVALID_TOKEN_CHALLENGE,
    );
  }
}

export class AccessTokenExpiredError extends GraphError {
  constructor() {
    super(
      401,
      'InvalidAuthenticationToken',
      'Access token has expired or is not yet valid.',
      INVALID_TOKEN_CHALLENGE,
    );
  }
}

export class MissingPermissionClaimsError extends GraphError {
  constructor() {
    super(
      403,
      'AccessDenied',
      'Either scp or roles claim need to be present in the token.',
    );
  }
}

export class UnauthorizedAccessError extends GraphError {
  constructor() {
    super(
      403,
      'UnauthorizedAccessException',
      'Attempted to perform an unauthorized operation.',
    );
  }
}
