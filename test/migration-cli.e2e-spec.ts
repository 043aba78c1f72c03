import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  type TestDatabase,
} from './support/test-database.js';
import { TEST_JWT_SECRET } from './support/tokens.js';

/** The TypeORM command line on the build, as `npm run migration:*` runs it. */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPEORM_CLI = path.join(REPO, 'node_modules', 'typeorm', 'cli.js');
const DATA_SOURCE = path.join(REPO, 'dist', 'cli', 'data-source.js');

describe('the migration commands (npm run migration:run / :show / :generate)', () => {
  let directory: string;
  let database: TestDatabase;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'pim-migrations-'));
    database = await createTestDatabase(directory);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  function typeorm(...args: string[]) {
    return spawnSync(
      process.execPath,
      [TYPEORM_CLI, ...args, '-d', DATA_SOURCE],
      {
        cwd: directory,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: database.url,
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
        },
        encoding: 'utf8',
      },
    );
  }

  it('migration:run creates the schema, migration:show then lists every migration as run', () => {
    const run = typeorm('migration:run');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'CreateRoleAssignmentRequests1764340000000 has been executed successfully',
    );

    const show = typeorm('migration:show');
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('[X]');
    expect(show.stdout).not.toContain('[ ]');
  });

  it('migration:generate --check finds nothing to generate: the migrations are exactly the entities', () => {
    const check = typeorm(
      'migration:generate',
      '--check',
      path.join(directory, 'Unexpected'),
    );

    expect(check.stdout).toContain('No changes in database schema were found');
    expect(check.status).toBe(0);
  });
});
