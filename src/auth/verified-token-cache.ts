import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config.js';
import type { Principal } from './principal.js';

interface VerifiedToken {
  readonly principal: Principal;
  /** Epoch seconds from which the token counts, clock tolerance applied. */
  readonly validFrom: number;
  /** Epoch seconds from which it no longer counts, clock tolerance applied. */
  readonly validUntil: number;
}

// As long as jwks-rsa keeps a signing key: a key withdrawn from the JWKS stops being honoured
// within the same ten minutes, whether its tokens were seen before or not.
const MAX_AGE_MS = 10 * 60 * 1000;
const MAX_TOKENS = 10_000;

/**
 * Callers send the same token for up to an hour. Verifying it (passport, signature, claims)
 * was the largest cost of a request after the database (bench/README.md), so the principal of
 * a verified token is kept, by the exact token string, signature included. A kept token still
 * counts only within its own nbf/exp, as jsonwebtoken would judge them.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly tokens = new LRUCache<string, VerifiedToken>({
    max: MAX_TOKENS,
    ttl: MAX_AGE_MS,
  });
  private readonly toleranceSeconds: number;

  constructor(config: AppConfig) {
    this.toleranceSeconds = config.auth.clockToleranceSeconds;
  }

  principalFor(
    token: string,
    nowSeconds = Date.now() / 1000,
  ): Principal | undefined {
    const verified = this.tokens.get(token);
    if (!verified) {
      return undefined;
    }
    if (nowSeconds < verified.validFrom || nowSeconds >= verified.validUntil) {
      this.tokens.delete(token);
      return undefined;
    }
    return verified.principal;
  }

  remember(
    token: string,
    principal: Principal,
    claims: { exp: number; nbf?: unknown },
  ): void {
    this.tokens.set(token, {
      principal,
      validFrom:
        typeof claims.nbf === 'number'
          ? claims.nbf - this.toleranceSeconds
          : Number.NEGATIVE_INFINITY,
      validUntil: claims.exp + this.toleranceSeconds,
    });
  }
}
