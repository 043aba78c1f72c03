import { MIGRATIONS } from '../src/migrations.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { referencedRecords } from './support/directory.js';
import {
  directories,
  freshDirectory,
  runNode,
  type RunningServer,
  SEED_CLI,
  startServer,
  stopAll,
} from './support/built-app.js';
import { REQUESTS_PATH } from './support/requests.js';
import {
  createTestDatabase,
  type TestDatabase,
  describeOnPostgres,
} from './support/test-database.js';
import {
  PRODUCTION_AUTH,
  READ_WRITE,
  REGISTERED_API_AUDIENCE,
  TENANT_A,
  USER_A,
  userToken,
} from './support/tokens.js';

/**
 * Two replicas of the built service behind no load balancer at all: the test itself spreads the
 * calls. No state lives in a process, so one PostgreSQL decides every race. PostgreSQL only:
 * a SQLite file is not shared by replicas.
 */
const REQUEST_COUNT = 100;
const CANCELS_PER_REQUEST = 3;

function requestId(index: number): string {
  return `5e5e5e5e-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

describeOnPostgres('several replicas on one PostgreSQL', () => {
  let database: TestDatabase;
  let replicas: RunningServer[];

  beforeAll(async () => {
    const directory = freshDirectory();
    database = await createTestDatabase(directory);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ...PRODUCTION_AUTH,
      HOST: '127.0.0.1',
    };
    // Both start at once, so both try to migrate the empty schema at once.
    replicas = await Promise.all([
      startServer(directory, env),
      startServer(directory, env),
    ]);
    const seedFile = path.join(directory, 'seed.json');
    writeFileSync(
      seedFile,
      JSON.stringify({
        ...referencedRecords(),
        roleAssignmentRequests: Array.from(
          { length: REQUEST_COUNT },
          (_, index) => ({
            id: requestId(index),
            tenantId: TENANT_A,
            requestorId: USER_A,
            resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
            roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
            subjectId: USER_A,
            type: 'UserAdd',
            assignmentState: 'Active',
            status: {
              status: 'InProgress',
              subStatus: index % 2 ? 'Granted' : 'PendingApproval',
            },
          }),
        ),
      }),
    );
    const seeded = await runNode(SEED_CLI, [seedFile], directory, env);
    expect(seeded.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await stopAll();
    await database?.drop();
    directories.length = 0;
  });

  it('both start against an empty schema at once: one migrates, the other waits and finds it done', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const schema = new URL(database.url).searchParams.get('schema');
      const { rows } = await client.query(
        `SELECT name FROM ${schema}.migrations`,
      );
      // Each migration once, in order: the second replica waited instead of migrating too.
      expect(rows).toEqual(
        MIGRATIONS.map((migration) => ({ name: migration.name })),
      );
    } finally {
      await client.end();
    }
    for (const replica of replicas) {
      expect(replica.child.exitCode).toBeNull();
    }
  });

  it('300 concurrent cancels of 100 requests over both replicas: one 204 per request, one audit record each', async () => {
    const token = userToken([READ_WRITE], {
      audience: REGISTERED_API_AUDIENCE,
    });
    const calls = Array.from(
      { length: REQUEST_COUNT * CANCELS_PER_REQUEST },
      (_, call) => {
        const index = call % REQUEST_COUNT;
        const replica = replicas[call % replicas.length];
        return fetch(
          `${replica.baseUrl}${REQUESTS_PATH}/${requestId(index)}/cancel`,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
          },
        ).then(async (response) => ({
          index,
          status: response.status,
          code:
            response.status === 204
              ? undefined
              : ((await response.json()) as { error: { code: string } }).error
                  .code,
        }));
      },
    );

    const outcomes = await Promise.all(calls);

    for (let index = 0; index < REQUEST_COUNT; index += 1) {
      const mine = outcomes.filter((outcome) => outcome.index === index);
      expect(mine.filter((outcome) => outcome.status === 204)).toHaveLength(1);
      expect(mine.filter((outcome) => outcome.status !== 204)).toEqual([
        { index, status: 400, code: 'RequestCannotBeCancelled' },
        { index, status: 400, code: 'RequestCannotBeCancelled' },
      ]);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const schema = new URL(database.url).searchParams.get('schema');
      const requests = await client.query(
        `SELECT sub_status, COUNT(*)::int AS count FROM ${schema}.role_assignment_requests GROUP BY sub_status`,
      );
      expect(requests.rows).toEqual([
        { sub_status: 'Canceled', count: REQUEST_COUNT },
      ]);
      const audits = await client.query(
        `SELECT request_id, COUNT(*)::int AS count FROM ${schema}.role_assignment_request_audit_events GROUP BY request_id`,
      );
      expect(audits.rows).toHaveLength(REQUEST_COUNT);
      expect(
        audits.rows.every((row: { count: number }) => row.count === 1),
      ).toBe(true);
    } finally {
      await client.end();
    }
  });
});
