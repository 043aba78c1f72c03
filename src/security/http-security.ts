import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';
import { answerConnect, answerUnmetExpectation } from './client-errors.js';
import { corsOptions } from './cors.js';
import { registerSecurityHeaders } from './security-headers.js';
import { configureServerTimeouts } from './server-timeouts.js';

/**
 * The HTTP hardening of the server: security headers on every response, timeouts against slow
 * clients, Graph errors for what Node.js would answer itself, and CORS for the origins of
 * CORS_ORIGINS only. Call before the app listens.
 */
export function configureHttpSecurity(
  app: NestFastifyApplication,
  config: AppConfig,
): void {
  const server = app.getHttpServer();
  configureServerTimeouts(server, config.http);
  // Node.js answers an `Expect` it cannot meet itself, before Fastify: the Graph error instead.
  server.removeAllListeners('checkExpectation');
  server.on('checkExpectation', answerUnmetExpectation);
  // …and closes a CONNECT's connection without an answer.
  server.removeAllListeners('connect');
  server.on('connect', answerConnect);
  const cors = corsOptions(config.http.corsOrigins);
  if (cors) {
    app.enableCors(cors);
  }
  registerSecurityHeaders(app, config);
}
