import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const HOST_PATTERN = /^[a-z0-9.\-[\]:]{1,255}$/i;

/** The service's own root URL as the client sees it, unless configured explicitly. */
export function baseUrlOf(
  request: IncomingMessage,
  configuredBaseUrl: string | undefined,
): string {
  if (configuredBaseUrl) {
    return configuredBaseUrl;
  }
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
