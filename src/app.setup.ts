import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './config/app-config.js';
import { requestBodyMiddleware } from './graph/request-body.js';
import { requestIdsMiddleware } from './graph/request-ids.js';

/** What every instance of the app needs beyond its modules: the server and the tests share it. */
export function configureApp(
  app: NestExpressApplication,
): NestExpressApplication {
  const config = app.get(AppConfig);
  // Registered before the router, so unknown routes get request ids and Graph errors too.
  app.use(requestIdsMiddleware);
  app.use(requestBodyMiddleware(config.maxRequestBodyBytes));
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  return app;
}
