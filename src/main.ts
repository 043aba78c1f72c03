import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server, ServerResponse } from 'node:http';
import { createApp } from './app.factory.js';
import { ConfigurationError, loadAppConfig } from './config/app-config.js';
import { ExampleSeed } from './seeding/example-seed.js';
import { SeedError } from './seeding/seed-validation.js';

/** How long a stop may go on past the grace period (closing the database) before exiting anyway. */
const CLOSE_AFTER_GRACE_MS = 2000;

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadAppConfig(process.env, {
    interactive: process.stdout.isTTY,
  });
  const app = await createApp(config);
  stopOnSignals(app, config.http.shutdownGraceSeconds);
  // Start-up work (SEED_FILE) runs here, so that its errors are not taken for listen errors.
  await app.init();
  // Here rather than in the seeding module's start-up hook, which `npm run seed` runs too: the
  // example data is for the server of a new database only, and is in place before it listens.
  await app.get(ExampleSeed).loadIfDatabaseIsNew();
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    // A host that does not resolve or is not ours, a port in use: name the variables, no stack.
    throw new ConfigurationError(
      `Cannot listen on HOST=${config.host} PORT=${config.port}: ${(error as Error).message}`,
    );
  }
  logger.log(`Serving ${await app.getUrl()}/beta`);
  if (config.auth.developmentSecretFile) {
    logger.warn(
      `Development mode: tokens are HS256-signed with the secret in ${config.auth.developmentSecretFile}. ` +
        `Mint one with: npm run --silent token -- --tid <tenant> --oid <user> --scp PrivilegedAccess.ReadWrite.AzureResources`,
    );
  }
}

/**
 * SIGTERM / SIGINT stop the server gracefully: no new connections, requests in flight finish
 * (each cancel is one transaction: it is stored whole or not at all), then the database
 * connection or pool closes and the process exits 0. Requests still running after
 * SHUTDOWN_GRACE_SECONDS lose their connections; a stop that still hangs exits 1.
 */
function stopOnSignals(app: NestFastifyApplication, graceSeconds: number) {
  const logger = new Logger('Shutdown');
  const server: Server = app.getHttpServer();
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (stopping) {
      closeConnectionAfter(response);
    }
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    inFlight.forEach(closeConnectionAfter);
    logger.log(
      `${signal}: stopping; no new connections, ${inFlight.size} requests in flight get up to ${graceSeconds}s`,
    );
    const grace = setTimeout(() => {
      logger.warn(
        `${inFlight.size} requests still in flight after ${graceSeconds}s: closing their connections`,
      );
      server.closeAllConnections();
      setTimeout(() => {
        logger.error('The server did not stop in time: exiting');
        process.exit(1);
      }, CLOSE_AFTER_GRACE_MS);
    }, graceSeconds * 1000);
    app.close().then(
      () => {
        clearTimeout(grace);
        logger.log('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(
          `The server did not stop cleanly: ${(error as Error).message}`,
          (error as Error).stack,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * The response's connection closes once it is sent: the server stops waiting for it then, rather
 * than when a keep-alive connection would time out.
 */
function closeConnectionAfter(response: ServerResponse): void {
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigurationError || error instanceof SeedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `The service could not start: ${(error as Error).stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
