import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasEmptyBody, NoRequestBody } from './no-request-body.js';
import { nodeRequestOf } from '../http/node-http.js';
import { checkNoSystemSegmentIn } from './odata-path.js';
import {
  RequestBodyNotAcceptedError,
  UnsupportedQueryOptionError,
} from './protocol-errors.js';
import {
  findUnsupportedQueryOption,
  ODataQueryOptions,
} from './odata/query-options.js';

/**
 * Enforces what a route declares about its query options and body. A guard rather than an
 * interceptor: a global interceptor wraps every call in rxjs, which cost cancel 15 % of its
 * throughput (bench/README.md). It must run after the authentication guards, so that an
 * unauthenticated caller learns nothing about the route's shape: the request pipeline
 * (AppModule) runs it after them.
 */
@Injectable()
export class RequestShapeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const routed = context
      .switchToHttp()
      .getRequest<{ params?: Record<string, unknown> }>();
    checkNoSystemSegmentIn(routed.params);
    const request = nodeRequestOf(routed);
    const targets = [context.getHandler(), context.getClass()];
    const allowedOptions =
      this.reflector.getAllAndOverride(ODataQueryOptions, targets) ?? [];
    const unsupported = findUnsupportedQueryOption(
      request.url ?? '',
      allowedOptions,
    );
    if (unsupported !== undefined) {
      throw new UnsupportedQueryOptionError(unsupported);
    }
    if (
      this.reflector.getAllAndOverride(NoRequestBody, targets) &&
      !hasEmptyBody(request)
    ) {
      throw new RequestBodyNotAcceptedError();
    }
    return true;
  }
}
