import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
  MissingPermissionClaimsError,
  UnauthorizedAccessError,
} from '../auth/auth.errors.js';
import { graphErrorOf } from './graph-error-registry.js';
import './auth.graph-errors.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

describe('the access layer’s refusals, as Graph words them', () => {
  it.each([
    [
      new EmptyAccessTokenError(),
      401,
      'InvalidAuthenticationToken',
      'Access token is empty.',
    ],
    [
      new AccessTokenValidationError(),
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure.',
    ],
    [
      new AccessTokenValidationError('Invalid audience.'),
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
    ],
    [
      new AccessTokenValidationError('Invalid issuer.'),
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid issuer.',
    ],
    [
      new AccessTokenExpiredError(),
      401,
      'InvalidAuthenticationToken',
      'Access token has expired or is not yet valid.',
    ],
  ])(
    '%s: %i %s "%s", with the bearer challenge',
    (error, status, code, message) => {
      expect(graphErrorOf(error)).toMatchObject({
        status,
        code,
        message,
        headers: CHALLENGE,
      });
    },
  );

  it.each([
    [
      new MissingPermissionClaimsError(),
      'AccessDenied',
      'Either scp or roles claim need to be present in the token.',
    ],
    [
      new UnauthorizedAccessError(),
      'UnauthorizedAccessException',
      'Attempted to perform an unauthorized operation.',
    ],
  ])('%s: 403 %s "%s", without a challenge', (error, code, message) => {
    expect(graphErrorOf(error)).toMatchObject({
      status: 403,
      code,
      message,
      headers: {},
    });
  });
});
