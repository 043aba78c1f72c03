import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config.js';

type ContentSecurityPolicy = Exclude<
  HelmetOptions['contentSecurityPolicy'],
  boolean | undefined
>;

/**
 * Every response is JSON (or empty): nothing in it may load, run or be framed. The policy
 * OWASP recommends for REST APIs.
 */
export const API_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The interactive OpenAPI page (swagger-ui under /docs) loads its scripts, styles and the
 * document from this origin, styles itself inline and draws icons from data: URIs; "Try it out"
 * calls this origin, or PUBLIC_BASE_URL when set. helmet's default policy minus
 * `upgrade-insecure-requests` (which breaks the page when it is served over plain http, as the
 * local emulator is) and minus remote fonts and styles.
 */
export function docsContentSecurityPolicy(
  config: Pick<AppConfig, 'publicBaseUrl'>,
): ContentSecurityPolicy {
  const publicOrigin = config.publicBaseUrl
    ? new URL(config.publicBaseUrl).origin
    : undefined;
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'", ...(publicOrigin ? [publicOrigin] : [])],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
    },
  };
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** helmet's headers for every response; the CSP is the API's except on the docs routes. */
export function securityHeaderOptions(config: AppConfig): HelmetOptions {
  return {
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
    xFrameOptions: { action: 'deny' },
    // TLS ends at the load balancer in production; browsers ignore the header over plain http,
    // and a development or test server is not meant to pin its host name to https.
    strictTransportSecurity:
      config.environment === 'production'
        ? { maxAge: ONE_YEAR_SECONDS, includeSubDomains: true }
        : false,
  };
}

/** The routes of the swagger-ui page: `/docs`, `/docs/`, `/docs/swagger-ui-bundle.js`, … */
export function isDocsRoute(url: string): boolean {
  return /^\/docs([/?]|$)/i.test(url);
}

/**
 * Sets helmet's headers on every response, routes, 404s and errors alike, with the docs' own
 * CSP on the docs routes. Both header sets are built once: @fastify/helmet rebuilt helmet's
 * middleware, CSP parsing included, on every request (5 % of a GET's CPU, bench/README.md).
 */
export function registerSecurityHeaders(
  app: NestFastifyApplication,
  config: AppConfig,
): void {
  const apiHeaders = helmet(securityHeaderOptions(config));
  const docsHeaders = helmet({
    ...securityHeaderOptions(config),
    contentSecurityPolicy: docsContentSecurityPolicy(config),
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const setHeaders = isDocsRoute(request.url) ? docsHeaders : apiHeaders;
      setHeaders(request.raw, reply.raw, (error?: unknown) =>
        done(error as Error | undefined),
      );
    });
}
