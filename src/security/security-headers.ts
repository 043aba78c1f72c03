import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';

type ContentSecurityPolicy = Exclude<
  FastifyHelmetOptions['contentSecurityPolicy'],
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
export function securityHeaderOptions(config: AppConfig): FastifyHelmetOptions {
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
  return /^\/docs(\/|$)/i.test(url);
}

/**
 * Registers @fastify/helmet for every request, routes, 404s and errors alike, and gives the
 * docs routes their own CSP (through helmet's per-route configuration, set when a route is
 * declared, whoever declares it).
 */
export async function registerSecurityHeaders(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const helmetConfig: Omit<FastifyHelmetOptions, 'global'> = {
    contentSecurityPolicy: docsContentSecurityPolicy(config),
  };
  fastify.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) {
      route.config = {
        ...route.config,
        helmet: helmetConfig,
      };
    }
  });
  await app.register(helmet, securityHeaderOptions(config));
}
