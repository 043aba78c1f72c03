import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { Clock } from '../../src/clock/clock.js';
import { type AppConfig, loadAppConfig } from '../../src/config/app-config.js';
import { SeedService } from '../../src/seeding/seed.service.js';
import {
  createTestDatabase,
  type TestDatabaseKind,
  testDatabaseKind,
} from './test-database.js';
import { TEST_NOW } from './test-clock.js';
import { TEST_JWT_SECRET } from './tokens.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly server: Server;
  /** Where the app listens, for clients other than supertest. */
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  /** The app's clock: it starts at TEST_NOW and runs on from there. */
  readonly clock: Clock;
  readonly config: AppConfig;
  /** A temporary folder of this app's own (its SQLite file, when on SQLite). */
  readonly directory: string;
  /** The DATABASE_URL of its database, for a second app on the same one. */
  readonly databaseUrl: string;
  readonly databaseKind: TestDatabaseKind;
  /** The placeholder of the n-th (0-based) parameter in raw SQL: `?` or `$n+1`. */
  parameter(index: number): string;
  close(): Promise<void>;
}

/**
 * Boots the real application (createApp, as `npm start` does) on a database of its own (a new
 * SQLite file, or a new PostgreSQL schema in the postgres project), with an HS256 test secret
 * and its clock set to TEST_NOW before anything runs (SEED_FILE included).
 * `env` adds or overrides environment variables; only errors are logged unless it sets
 * LOG_LEVEL. `options.logDestination` receives the log lines instead of stdout.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-e2e-'));
  const database = await createTestDatabase(directory);
  const cleanUp = async () => {
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  const config = loadAppConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'error',
      // Tests move time themselves (RoleAssignmentRequestScheduler.runOnce): no timer of its own.
      SCHEDULER_INTERVAL_SECONDS: '0',
      ...env,
    },
    { dataDirectory: directory },
  );
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(config, options);
    app.get(Clock).setTo(TEST_NOW);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await cleanUp();
    throw error;
  }
  const server = app.getHttpServer();
  const running = app;
  const { port } = server.address() as AddressInfo;
  return {
    app: running,
    server,
    baseUrl: `${config.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    dataSource: running.get(DataSource),
    clock: running.get(Clock),
    config,
    directory,
    databaseUrl: env.DATABASE_URL ?? database.url,
    databaseKind: testDatabaseKind(),
    parameter: (index) =>
      testDatabaseKind() === 'postgres' ? `$${index + 1}` : '?',
    async close() {
      await running.close();
      await cleanUp();
    },
  };
}

/**
 * startTestApp, then each fixture (a seed document) seeded in turn: the set-up most suites share.
 * An app whose seeding fails is closed before the error goes up, as the suite never gets it to
 * close.
 */
export async function startSeededTestApp(
  fixtures: readonly object[],
  env: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const testApp = await startTestApp(env, options);
  try {
    const seeds = testApp.app.get(SeedService);
    for (const fixture of fixtures) {
      await seeds.seed(fixture);
    }
  } catch (error) {
    await testApp.close();
    throw error;
  }
  return testApp;
}
