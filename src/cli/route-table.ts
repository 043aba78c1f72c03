import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../app.factory.js';
import { loadAppConfig } from '../config/app-config.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import { routeTableOf, withRouteTable } from '../openapi/route-table.js';

/**
 * `npm run docs:routes`: writes the README's table of routes from the OpenAPI document of the
 * application as built, on an in-memory database that nothing else sees.
 */
async function main(): Promise<void> {
  const readmePath = process.argv[2] ?? 'README.md';
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'sqlite::memory:',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    SCHEDULER_INTERVAL_SECONDS: '0',
  });
  const app = await createApp(config);
  try {
    const table = routeTableOf(buildOpenApiDocument(app, config));
    writeFileSync(
      readmePath,
      withRouteTable(readFileSync(readmePath, 'utf8'), table),
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
