import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import jwt from 'jsonwebtoken';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors/api-error.js';
import { DomainError } from '../errors/domain-error.js';
import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
} from './auth.errors.js';
import { bearerTokenOf, GRAPH_JWT_STRATEGY } from './jwt.strategy.js';
import type { Principal } from './principal.js';
import { Public } from './public.decorator.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/**
 * Authenticates every request but those of @Public() routes; a refused token becomes the exact
 * Graph 401 for its failure.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(GRAPH_JWT_STRATEGY) {
  constructor(
    private readonly verifiedTokens: VerifiedTokenCache,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  /** A token verified recently is not verified again while it is valid (VerifiedTokenCache). */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride(Public, targets)) {
      return true;
    }
    const request = context
      .switchToHttp()
      .getRequest<{ headers: IncomingHttpHeaders; user?: Principal }>();
    const token = bearerTokenOf(request);
    const known = token ? this.verifiedTokens.principalFor(token) : undefined;
    if (known) {
      request.user = known;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = Principal>(
    error: unknown,
    principal: TUser | false,
    failure: unknown,
  ): TUser {
    // Errors raised by the strategy's validate() are already Graph errors.
    if (error instanceof Error) {
      throw error;
    }
    if (principal) {
      return principal;
    }
    throw describeTokenFailure(failure);
  }
}

/**
 * Maps what passport-jwt / jsonwebtoken report to the refusal each API words for its client; a
 * refusal of ours (the key set unavailable, say) stays as it is.
 */
export function describeTokenFailure(failure: unknown): DomainError | ApiError {
  if (failure instanceof DomainError || failure instanceof ApiError) {
    return failure;
  }
  if (
    failure instanceof jwt.TokenExpiredError ||
    failure instanceof jwt.NotBeforeError
  ) {
    return new AccessTokenExpiredError();
  }
  if (failure instanceof jwt.JsonWebTokenError) {
    return failure.message.startsWith('jwt audience invalid')
      ? new AccessTokenValidationError('Invalid audience.')
      : new AccessTokenValidationError();
  }
  if (failure instanceof Error && failure.message === 'No auth token') {
    return new EmptyAccessTokenError();
  }
  return new AccessTokenValidationError();
}
