import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { nodeRequestOf } from '../node-http.js';
import { originOf } from './context.js';

/** Where a request reached the service: all a Graph envelope needs of it for its links. */
export interface RequestAddress {
  /** The service's root URL as the request reached it (scheme and `Host`), without a path. */
  readonly origin: string;
  /** The request's path and query, as sent. */
  readonly url: string;
}

/**
 * The address of the current request, for `GraphResponses`: handlers get the two strings an
 * envelope is built from, not the request. A parameter decorator rather than an interceptor,
 * which would cost every call its rxjs wrapping (bench/README.md).
 */
export const CurrentRequestAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestAddress => {
    const request = nodeRequestOf(context.switchToHttp().getRequest());
    // The configured public URL is GraphResponses' to apply: it holds the configuration.
    return { origin: originOf(request), url: request.url ?? '/' };
  },
);
