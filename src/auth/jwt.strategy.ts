import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passportJwt from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import { AccessTokenValidationError } from './auth.errors.js';
import { isAcceptedIssuer } from './issuer-policy.js';
import {
  type AccessTokenClaims,
  type Principal,
  principalFromClaims,
} from './principal.js';
import { SigningKeys } from './signing-keys.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export const GRAPH_JWT_STRATEGY = 'graph-jwt';

/** The bearer token of a request, read exactly as the strategy reads it. */
export const bearerTokenOf =
  passportJwt.ExtractJwt.fromAuthHeaderAsBearerToken();

/** Verifies the bearer token (signature, algorithm, exp/nbf, audience, issuer) into a Principal. */
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
      audience: [...config.auth.audiences] as [string, ...string[]],
      ignoreExpiration: false,
      jsonWebTokenOptions: {
        clockTolerance: config.auth.clockToleranceSeconds,
      },
    });
  }

  validate(request: unknown, claims: AccessTokenClaims): Principal {
    // jsonwebtoken checks exp only when present: a token without it would never expire.
    if (typeof claims.exp !== 'number') {
      throw new AccessTokenValidationError();
    }
    if (!isAcceptedIssuer(this.config.auth.issuers, claims.iss, claims.tid)) {
      throw new AccessTokenValidationError('Invalid issuer.');
    }
    const principal = principalFromClaims(claims);
    const token = bearerTokenOf(request);
    if (token) {
      this.verifiedTokens.remember(token, principal, {
        exp: claims.exp,
        nbf: claims.nbf,
      });
    }
    return principal;
  }
}
