import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { type AppConfig, loadAppConfig } from '../../src/config/app-config.js';
import { TEST_JWT_SECRET } from './tokens.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly server: Server;
  /** Where the app listens, for clients other than supertest. */
  readonly baseUrl: string;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  /** The temporary folder holding this app's SQLite file. */
  readonly directory: string;
  close(): Promise<void>;
}

/**
 * Boots the real application (createApp, as `npm start` does) on a new SQLite file in a
 * temporary folder, with an HS256 test secret. `env` adds or overrides environment variables.
 */
export async function startTestApp(
  env: Record<string, string> = {},
): Promise<TestApp> {
  const directory = mkdtempSync(path.join(tmpdir(), 'pim-e2e-'));
  const config = loadAppConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${path.join(directory, 'pim.sqlite')}`,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      ...env,
    },
    { dataDirectory: directory },
  );
  const app = await createApp(config, ['error']);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const server = app.getHttpServer();
  const { port } = server.address() as AddressInfo;
  return {
    app,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    dataSource: app.get(DataSource),
    config,
    directory,
    async close() {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
