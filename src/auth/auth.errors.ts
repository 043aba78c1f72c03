import { DomainError } from '../errors/domain-error.js';

/*
 * The access layer's refusals of a caller: its token, or the permission a route asks. Like the
 * domain's refusals they know no API's wording: each surface words them in its own envelope
 * (src/graph/auth.graph-errors.ts, src/resource-manager/auth.arm-errors.ts).
 */

export class EmptyAccessTokenError extends DomainError {
  constructor() {
    super('EmptyAccessToken', 'The request carries no access token.');
  }
}

export class AccessTokenValidationError extends DomainError {
  /** What was wrong with the token, when more than its signature or claims' shape. */
  constructor(readonly detail?: 'Invalid audience.' | 'Invalid issuer.') {
    super(
      'AccessTokenValidation',
      detail
        ? `The access token is not valid. ${detail}`
        : 'The access token is not valid.',
    );
  }
}

export class AccessTokenExpiredError extends DomainError {
  constructor() {
    super(
      'AccessTokenExpired',
      'The access token has expired or is not yet valid.',
    );
  }
}

export class MissingPermissionClaimsError extends DomainError {
  constructor() {
    super(
      'MissingPermissionClaims',
      'The access token has neither an scp nor a roles claim.',
    );
  }
}

/** The token holds none of the permissions the route asks (Graph's routes only ask any). */
export class UnauthorizedAccessError extends DomainError {
  constructor() {
    super(
      'UnauthorizedAccess',
      'The access token holds none of the permissions the route asks.',
    );
  }
}
