import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the application exactly as the server runs it; the e2e tests boot it through here. */
export async function createApp(
  config: AppConfig,
  logger?: false | LogLevel[],
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    {
      ...(logger !== undefined && { logger }),
      // Bodies are read by our own middleware, so that their errors are Graph errors.
      bodyParser: false,
      abortOnError: false,
    },
  );
  return configureApp(app);
}
