import { Injectable } from '@nestjs/common';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwksRsa from 'jwks-rsa';
import { AppConfig } from '../config/app-config.js';
import { ServiceUnavailableError } from '../graph/graph-errors.js';
import { AccessTokenValidationError } from './auth.errors.js';
import { DevelopmentSigningKey } from './development-signing-key.js';

type SupportedAlgorithm = 'HS256' | 'RS256';

/**
 * Finds the key that must have signed a token. The token's `alg` only selects among the kinds of
 * key we are configured with, so an HS256 token "signed" with our RSA public key, or `alg: none`,
 * finds no key at all; nor does a token whose header or claims set is not a JSON object.
 *
 * With the development identity endpoints on, an RS256 token whose `kid` names their key is
 * verified with it; any other RS256 token goes to the configured key set, as before.
 *
 * Keys are handed out as imported KeyObjects, imported once: given a string, jsonwebtoken first
 * tries to parse it as a PEM public key on every call, and the exception that attempt throws for
 * a secret cost 0.65 ms per request.
 */
@Injectable()
export class SigningKeys {
  readonly algorithms: SupportedAlgorithm[];
  private readonly secret?: KeyObject;
  private readonly jwks?: jwksRsa.JwksClient;
  private readonly publicKeys = new WeakMap<jwksRsa.SigningKey, KeyObject>();
  private readonly development?: { kid: string; publicKey: KeyObject };

  constructor(config: AppConfig, developmentKey: DevelopmentSigningKey) {
    this.development = developmentKey.pair;
    if (config.auth.jwtSecret) {
      this.secret = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
    }
    if (config.auth.jwksUri) {
      // jwks-rsa caches keys by kid and refetches the set for an unknown kid, rate-limited so
      // that tokens with made-up kids cannot make us hammer the identity provider.
      this.jwks = new jwksRsa.JwksClient({
        jwksUri: config.auth.jwksUri,
        cache: true,
        cacheMaxEntries: 20,
        cacheMaxAge: 10 * 60 * 1000,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5000,
      });
    }
    this.algorithms = [
      ...(this.secret ? (['HS256'] as const) : []),
      ...(this.jwks || this.development ? (['RS256'] as const) : []),
    ];
  }

  async keyFor(rawToken: string): Promise<KeyObject> {
    // A claims set must be a JSON object (RFC 7519, 7.2). jsonwebtoken 9 throws on a signed
    // `null` one instead of reporting it, from inside the callback that hands it our key: the
    // exception would escape the request as an unhandled rejection and end the process.
    if (!jsonObjectSegment(rawToken, CLAIMS)) {
      throw new AccessTokenValidationError();
    }
    const header = jsonObjectSegment(rawToken, HEADER);
    // RFC 7515, 4.1.11: a token whose `crit` names extensions must be refused unless all are
    // understood; jsonwebtoken understands none, nor do we.
    if (header && 'crit' in header) {
      throw new AccessTokenValidationError();
    }
    if (header?.alg === 'HS256' && this.secret) {
      return this.secret;
    }
    if (header?.alg === 'RS256' && typeof header.kid === 'string') {
      if (this.development && header.kid === this.development.kid) {
        return this.development.publicKey;
      }
      if (this.jwks && header.kid) {
        return this.publicKey(header.kid);
      }
    }
    throw new AccessTokenValidationError();
  }

  private async publicKey(kid: string): Promise<KeyObject> {
    let signingKey: jwksRsa.SigningKey;
    try {
      signingKey = await this.jwks!.getSigningKey(kid);
    } catch (error) {
      if (
        error instanceof jwksRsa.SigningKeyNotFoundError ||
        error instanceof jwksRsa.JwksRateLimitError
      ) {
        throw new AccessTokenValidationError();
      }
      // The key set could not be fetched: our problem, not the caller's token.
      throw new ServiceUnavailableError({ cause: error });
    }
    // jwks-rsa hands back the same SigningKey while it is cached: import its PEM once.
    let key = this.publicKeys.get(signingKey);
    if (!key) {
      key = createPublicKey(signingKey.getPublicKey());
      this.publicKeys.set(signingKey, key);
    }
    return key;
  }
}

const HEADER = 0;
const CLAIMS = 1;

/**
 * A segment of the token (its JOSE header, its claims set) when it is a JSON object, else
 * undefined. Only the header's `alg` and `kid` are read here, to choose the key; jsonwebtoken
 * then verifies everything.
 */
function jsonObjectSegment(
  rawToken: string,
  index: number,
): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(rawToken.split('.')[index] ?? '', 'base64url').toString(
        'utf8',
      ),
    );
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
