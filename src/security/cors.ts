import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigurationError } from '../config/app-config.js';

export type CorsOptions = NonNullable<
  Parameters<NestFastifyApplication['enableCors']>[0]
>;

/** Request headers a browser client may send: the Graph SDKs' own among them. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'client-request-id',
  'return-client-request-id',
  'SdkVersion',
];

/** Response headers a browser client may read, beyond the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'request-id',
  'client-request-id',
  'Retry-After',
  'WWW-Authenticate',
];

/** How long a browser may keep a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * The CORS options for CORS_ORIGINS, or `undefined` (CORS off) when it is empty. `*` allows every
 * origin; tokens travel in the Authorization header, never in cookies, so no credentials mode.
 * A request from an origin not listed gets no CORS headers at all: its preflight falls through
 * to the routes (405 or 400, as a Graph error).
 */
export function corsOptions(
  configuredOrigins: readonly string[],
): CorsOptions | undefined {
  if (configuredOrigins.length === 0) {
    return undefined;
  }
  const anyOrigin = configuredOrigins.includes('*');
  const allowed = new Set(
    configuredOrigins.filter((origin) => origin !== '*').map(toOrigin),
  );
  return {
    origin: (origin, callback) => {
      if (anyOrigin) {
        callback(null, '*');
      } else {
        callback(
          null,
          origin !== undefined && allowed.has(origin) ? origin : false,
        );
      }
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
    // An OPTIONS request of an allowed origin without Access-Control-Request-Method gets 204
    // rather than @fastify/cors's plain-text 400.
    strictPreflight: false,
  };
}

/** `https://App.Contoso.com/` → `https://app.contoso.com`, as browsers send it in `Origin`. */
function toOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new ConfigurationError(
      `Invalid configuration: CORS_ORIGINS must list origins such as https://app.contoso.com (scheme, host and port only) or *, not '${value}'`,
    );
  }
  return url.origin;
}
