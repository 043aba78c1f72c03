import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import {
  FastifyAdapter,
  type NestFastifyApplication,
} from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { graphErrorBody } from './graph/graph-error-body.js';
import { BadRequestError } from './graph/graph-errors.js';
import { assignRequestIds } from './graph/request-ids.js';
import { routedGraphUrl } from './graph/odata-path.js';
import { createLogger } from './logging/logger.js';
import { PinoNestLogger } from './logging/nest-logger.js';
import { isArmRequest, rewriteArmUrl } from './resource-manager/arm-address.js';
import { armErrorBody } from './resource-manager/arm-error.js';
import { InvalidRequestUriError } from './resource-manager/arm-errors.js';
import { assignArmRequestIds } from './resource-manager/arm-request-ids.js';
import { RequestLogController } from './logging/request-log.js';

export interface CreateAppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  readonly logDestination?: DestinationStream;
}

/**
 * Builds the application exactly as the server runs it; the e2e tests boot it through here.
 * Fastify, not Express: a Nest "hello world" answered 17,800 requests/s on Fastify and 3,000 on
 * Express on our 2-core machines (bench/README.md).
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  // One pino logger for Fastify and Nest: JSON lines, one per request (RequestLogController).
  const logger = createLogger(config.logging, options.logDestination);
  const adapter = new FastifyAdapter({
    // HTTPS on the same port when configured: an emulator serves the scheme its SDK clients use,
    // without a proxy in front.
    ...(config.tls && {
      https: { cert: config.tls.cert, key: config.tls.key },
    }),
    loggerInstance: logger,
    logController: new RequestLogController(),
    // Graph paths are case-insensitive; ids may be long before we refuse them ourselves.
    routerOptions: {
      caseSensitive: false,
      ignoreTrailingSlash: true,
      maxParamLength: 1000,
    },
    // A Graph path spelled as OData allows (`/beta/%24metadata`, `…/export()`) is routed as its
    // plain spelling (src/graph/odata-path.ts); a Resource Manager address without its scope, of any
    // depth (arm-address.ts).
    rewriteUrl: (request: IncomingMessage) => {
      request.url = routedGraphUrl(request.url ?? '/');
      return rewriteArmUrl(request);
    },
    bodyLimit: config.maxRequestBodyBytes,
    // While the server stops, a request that still arrives on an open connection is served (and
    // its connection then closed), not refused with Fastify's own non-Graph 503: main.ts bounds
    // the wait.
    return503OnClosing: false,
    // Fastify answers a URL it cannot decode before any of Nest runs: answer it in the API's way.
    frameworkErrors: (
      _error: FastifyError,
      request: FastifyRequest,
      reply: FastifyReply,
    ) => {
      if (isArmRequest(request.raw)) {
        assignArmRequestIds(request.raw, reply.raw);
        void reply
          .code(400)
          .type('application/json; charset=utf-8')
          .send(armErrorBody(new InvalidRequestUriError()));
        return;
      }
      const ids = assignRequestIds(request.raw, reply.raw);
      void reply
        .code(400)
        .type('application/json; charset=utf-8')
        .send(
          graphErrorBody(
            new BadRequestError('The request URL is malformed.'),
            ids,
          ),
        );
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      // Bodies are read by our own parser (app.setup.ts), so that their errors are Graph errors.
      bodyParser: false,
      abortOnError: false,
    },
  );
  return configureApp(app);
}
