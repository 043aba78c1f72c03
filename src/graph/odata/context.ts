import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const HOST_PATTERN = /^[a-z0-9.\-[\]:]{1,255}$/i;

/**
 * The service's root URL as the request reached it (scheme and `Host`); a `Host` that is not a
 * host name is not echoed into links.
 */
export function originOf(request: IncomingMessage): string {
  const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = request.headers.host;
  return `${scheme}://${host && HOST_PATTERN.test(host) ? host : 'localhost'}`;
}

export function entityContextUrl(baseUrl: string, entitySet: string): string {
  return `${baseUrl}/beta/$metadata#${entitySet}/$entity`;
}

export function collectionContextUrl(
  baseUrl: string,
  entitySet: string,
): string {
  return `${baseUrl}/beta/$metadata#${entitySet}`;
}
