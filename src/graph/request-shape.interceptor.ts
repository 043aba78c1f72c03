import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { BadRequestError } from './graph-errors.js';
import { hasEmptyBody, NoRequestBody } from './no-request-body.js';
import { nodeRequestOf } from './node-http.js';
import {
  findUnsupportedQueryOption,
  ODataQueryOptions,
} from './odata/query-options.js';

/**
 * Enforces what a route declares about its query options and body. It runs after the guards,
 * so an unauthenticated caller learns nothing about the route's shape.
 */
@Injectable()
export class RequestShapeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = nodeRequestOf(context.switchToHttp().getRequest());
    const targets = [context.getHandler(), context.getClass()];
    const allowedOptions =
      this.reflector.getAllAndOverride(ODataQueryOptions, targets) ?? [];
    const unsupported = findUnsupportedQueryOption(
      request.url ?? '',
      allowedOptions,
    );
    if (unsupported !== undefined) {
      throw new BadRequestError(
        `The query option '${unsupported}' is not supported by this request.`,
      );
    }
    if (
      this.reflector.getAllAndOverride(NoRequestBody, targets) &&
      !hasEmptyBody(request)
    ) {
      throw new BadRequestError('This request does not accept a request body.');
    }
    return next.handle();
  }
}
