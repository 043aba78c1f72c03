import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { nodeRequestOf } from './node-http.js';

const HOST_PATTERN = /^[a-z0-9.\-[\]:]{1,255}$/i;

/** Where a request reached the service: all an envelope needs of it for its links. */
export interface RequestAddress {
  /** The service's root URL as the request reached it (scheme and `Host`), without a path. */
  readonly origin: string;
  /** The request's path and query, as sent. */
  readonly url: string;
}

/**
 * The address of the current request, for the surfaces' envelopes: handlers get the two strings
 * an envelope is built from, not the request. A parameter decorator rather than an interceptor,
 * which would cost every call its rxjs wrapping (bench/README.md).
 */
export const CurrentRequestAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestAddress => {
    const request = nodeRequestOf(context.switchToHttp().getRequest());
    // The configured public URL is the envelope's to apply: it holds the configuration.
    return { origin: originOf(request), url: requestedUrlOf(request) };
  },
);

/**
 * The service's root URL as the request reached it (scheme and `Host`); a `Host` that is not a
 * host name is not echoed into links.
 */
export function originOf(request: IncomingMessage): string {
  const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = request.headers.host;
  return `${scheme}://${host && HOST_PATTERN.test(host) ? host : 'localhost'}`;
}

/** The path and query the client sent, before the server rewrote it for routing, if it did. */
export function requestedUrlOf(request: IncomingMessage): string {
  return (
    (request as IncomingMessage & { originalUrl?: string }).originalUrl ??
    request.url ??
    '/'
  );
}
