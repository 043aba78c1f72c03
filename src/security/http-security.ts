import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';
import { corsOptions } from './cors.js';
import { registerSecurityHeaders } from './security-headers.js';
import { configureServerTimeouts } from './server-timeouts.js';

/**
 * The HTTP hardening of the server: security headers on every response, timeouts against slow
 * clients, and CORS for the origins of CORS_ORIGINS only. Call before the app listens.
 */
export function configureHttpSecurity(
  app: NestFastifyApplication,
  config: AppConfig,
): void {
  configureServerTimeouts(app.getHttpServer(), config.http);
  const cors = corsOptions(config.http.corsOrigins);
  if (cors) {
    app.enableCors(cors);
  }
  registerSecurityHeaders(app, config);
}
