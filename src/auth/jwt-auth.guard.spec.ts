import { Reflector } from '@nestjs/core';
import jwt from 'jsonwebtoken';
import { ServiceUnavailableError } from '../graph/graph-errors.js';
import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
  MissingPermissionClaimsError,
} from './auth.errors.js';
import { describeTokenFailure, JwtAuthGuard } from './jwt-auth.guard.js';
import type { Principal } from './principal.js';
import type { AppConfig } from '../config/app-config.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

describe('describeTokenFailure', () => {
  it("maps passport-jwt's missing token to 401 Access token is empty", () => {
    const error = describeTokenFailure(new Error('No auth token'));

    expect(error).toBeInstanceOf(EmptyAccessTokenError);
  });

  it.each([
    ['expired', new jwt.TokenExpiredError('jwt expired', new Date())],
    ['not yet valid', new jwt.NotBeforeError('jwt not active', new Date())],
  ])('maps a token %s to 401 expired or not yet valid', (_case, failure) => {
    const error = describeTokenFailure(failure);

    expect(error).toBeInstanceOf(AccessTokenExpiredError);
  });

  it('maps a wrong audience to 401 Invalid audience', () => {
    const error = describeTokenFailure(
      new jwt.JsonWebTokenError(
        'jwt audience invalid. expected: https://graph.microsoft.com',
      ),
    );

    expect(error).toBeInstanceOf(AccessTokenValidationError);
    expect(error).toMatchObject({ detail: 'Invalid audience.' });
  });

  it.each([
    'invalid signature',
    'jwt malformed',
    'invalid algorithm',
    'jwt signature is required',
    'invalid token',
    'jwt issuer invalid. expected: https://sts.windows.net/x/',
    'invalid exp value',
  ])(
    'maps jsonwebtoken %j to 401 Access token validation failure',
    (message) => {
      const error = describeTokenFailure(new jwt.JsonWebTokenError(message));

      expect(error).toBeInstanceOf(AccessTokenValidationError);
      expect(error).toMatchObject({ detail: undefined });
    },
  );

  it('passes Graph errors through unchanged, a 503 of the key set included', () => {
    const unavailable = new ServiceUnavailableError();
    const invalidIssuer = new AccessTokenValidationError('Invalid issuer.');

    expect(describeTokenFailure(unavailable)).toBe(unavailable);
    expect(describeTokenFailure(invalidIssuer)).toBe(invalidIssuer);
  });

  it.each([
    ['another Error', new Error('something else')],
    ['a TypeError', new TypeError('No auth token?')],
    ['a string', 'No auth token'],
    ['undefined', undefined],
    ['null', null],
  ])(
    'maps %s to 401 Access token validation failure, never to success or a 500',
    (_case, failure) => {
      const error = describeTokenFailure(failure);

      expect(error).toBeInstanceOf(AccessTokenValidationError);
      expect(error).toMatchObject({ detail: undefined });
    },
  );
});

describe('JwtAuthGuard.handleRequest', () => {
  const guard = new JwtAuthGuard(
    new VerifiedTokenCache({
      auth: { clockToleranceSeconds: 60 },
    } as AppConfig),
    new Reflector(),
  );
  const principal: Principal = {
    kind: 'delegated',
    audience: 'graph',
    tenantId: '0a0a0a0a-0000-4000-8000-00000000000a',
    objectId: 'a1a1a1a1-0000-4000-8000-0000000000a1',
    scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
    appRoles: [],
    directoryRoleIds: [],
    multiFactorAuthenticated: false,
    actorId: 'a1a1a1a1-0000-4000-8000-0000000000a1',
  };

  it('returns the principal of a verified token', () => {
    expect(guard.handleRequest(null, principal, undefined)).toBe(principal);
  });

  it('rethrows the Graph error raised while reading the claims', () => {
    const error = new MissingPermissionClaimsError();

    expect(() => guard.handleRequest(error, false, undefined)).toThrow(error);
  });

  it('turns a refused token into its Graph 401', () => {
    expect(() =>
      guard.handleRequest(
        null,
        false,
        new jwt.TokenExpiredError('jwt expired', new Date()),
      ),
    ).toThrow(AccessTokenExpiredError);
    expect(() =>
      guard.handleRequest(null, false, new Error('No auth token')),
    ).toThrow(EmptyAccessTokenError);
  });

  it('refuses when there is neither a principal nor a reason', () => {
    expect(() => guard.handleRequest(null, false, undefined)).toThrow(
      AccessTokenValidationError,
    );
  });
});
