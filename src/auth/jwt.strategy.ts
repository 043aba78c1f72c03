import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import passportJwt from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
} from './auth.errors.js';
import { isAcceptedIssuer } from './issuer-policy.js';
import {
  type AccessTokenClaims,
  type Principal,
  principalFromClaims,
  type TokenAudience,
} from './principal.js';
import { SigningKeys } from './signing-keys.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export const GRAPH_JWT_STRATEGY = 'graph-jwt';

// RFC 6750 2.1: the credentials are everything after the scheme. passport-jwt's own extractor
// took the first word only, so `Bearer <token> junk` passed as `<token>`.
const BEARER_CREDENTIALS = /^bearer\s+(.+)$/i;

/**
 * The bearer credentials of a request, read exactly as the strategy reads them (guard and
 * verified-token cache included). Anything after the token stays part of them, so that such a
 * header is never a valid token.
 */
export function bearerTokenOf(request: {
  headers: IncomingHttpHeaders;
}): string | null {
  const authorization = request.headers.authorization;
  return authorization?.match(BEARER_CREDENTIALS)?.[1] ?? null;
}

/** Verifies the bearer token (signature, algorithm, exp/nbf/iat, audience, issuer) into a Principal. */
@Injectable()
export class JwtStrategy extends PassportStrategy(
  passportJwt.Strategy,
  GRAPH_JWT_STRATEGY,
) {
  constructor(
    private readonly config: AppConfig,
    private readonly verifiedTokens: VerifiedTokenCache,
    keys: SigningKeys,
  ) {
    super({
      jwtFromRequest: bearerTokenOf,
      passReqToCallback: true,
      secretOrKeyProvider: (
        _request: unknown,
        rawToken: string,
        done: (error: unknown, key?: string) => void,
      ) => {
        keys.keyFor(rawToken).then(
          // jsonwebtoken takes KeyObjects; passport-jwt's typings predate them.
          (key) => done(null, key as unknown as string),
          (error: unknown) => done(error),
        );
      },
      algorithms: keys.algorithms,
      // Either API's: each route accepts only its own (ScopeGuard), and says so in its own words.
      audience: [
        ...config.auth.audiences,
        ...config.auth.resourceManagerAudiences,
      ] as [string, ...string[]],
      ignoreExpiration: false,
      jsonWebTokenOptions: {
        clockTolerance: config.auth.clockToleranceSeconds,
      },
    });
  }

  validate(
    request: { headers: IncomingHttpHeaders },
    claims: AccessTokenClaims,
  ): Principal {
    // jsonwebtoken checks exp only when present: a token without it would never expire.
    if (typeof claims.exp !== 'number') {
      throw new AccessTokenValidationError();
    }
    // jsonwebtoken reads iat only for maxAge. A token issued after now, beyond the skew allowed
    // for exp and nbf and on the same (the machine's) clock, is not yet valid.
    if (claims.iat !== undefined) {
      if (typeof claims.iat !== 'number') {
        throw new AccessTokenValidationError();
      }
      if (
        claims.iat >
        Date.now() / 1000 + this.config.auth.clockToleranceSeconds
      ) {
        throw new AccessTokenExpiredError();
      }
    }
    if (!isAcceptedIssuer(this.config.auth, claims.iss, claims.tid)) {
      throw new AccessTokenValidationError('Invalid issuer.');
    }
    const principal = principalFromClaims(claims, this.audienceOf(claims));
    const token = bearerTokenOf(request);
    if (token) {
      this.verifiedTokens.remember(token, principal, {
        exp: claims.exp,
        nbf: claims.nbf,
      });
    }
    return principal;
  }

  /** The API a token verified against the accepted audiences was issued for. */
  private audienceOf(claims: AccessTokenClaims): TokenAudience {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return audiences.some((audience) =>
      this.config.auth.audiences.includes(audience as string),
    )
      ? 'graph'
      : 'resource-manager';
  }
}
