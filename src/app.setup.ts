import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assignSurfaceRequestIds } from './api-surfaces.js';
import { AppConfig } from './config/app-config.js';
import { CallHistory } from './emulator/call-history.js';
import { acceptRequestBody } from './graph/request-body.js';
import { setUpOpenApi } from './openapi/openapi.js';
import { configureHttpSecurity } from './security/http-security.js';

/** What every instance of the app needs beyond its modules: the server and the tests share it. */
export function configureApp(
  app: NestFastifyApplication,
): NestFastifyApplication {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  // A global hook runs for every request, unknown routes included, before anything can fail.
  fastify.addHook('onRequest', (request, reply, done) => {
    assignSurfaceRequestIds(request.raw, reply.raw);
    done();
  });
  // One parser reads every body as bytes, whatever its type, so that "no body" and "{}" stay
  // distinguishable and every body error becomes a Graph error.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: config.maxRequestBodyBytes },
    (request, body, done) => {
      try {
        done(null, acceptRequestBody(request.raw, body as Buffer));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  if (config.emulator) {
    app.get(CallHistory).listenTo(fastify);
  }
  configureHttpSecurity(app, config);
  setUpOpenApi(app);
  return app;
}
