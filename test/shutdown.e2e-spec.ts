import { SqliteDatabase } from '../src/database/sqlite-driver.js';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { referencedRecords } from './support/directory.js';
import {
  directories,
  freshDirectory,
  MAIN,
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
  testDatabaseKind,
} from './support/test-database.js';
import {
  TENANT_A,
  TEST_JWT_SECRET,
  USER_A,
  userToken,
} from './support/tokens.js';

/**
 * The built server (`node dist/main.js`, which `npm test` builds) stopped by a signal while it
 * works, on the database of the Jest project: a SQLite file, or a PostgreSQL schema.
 */
const REQUESTS = 300;
const SIGNAL_AFTER_ANSWERS = 30;
const GRACE_SECONDS = 5;

interface Answered {
  readonly id: string;
  readonly status: number;
  readonly requestId: string;
}

type Outcome =
  Answered | { readonly id: string; readonly status: 'connection failed' };

interface StoredState {
  /** sub-status by request id */
  readonly subStatuses: Map<string, string>;
  /** status by request id */
  readonly statuses: Map<string, string>;
  /** number of audit records by request id */
  readonly audits: Map<string, number>;
}

afterAll(async () => {
  await stopAll();
  for (const directory of directories) {
    rmSync(directory, { recursive: true, force: true });
  }
});

function requestId(index: number): string {
  return `44444444-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function seedFile(directory: string, count: number): string {
  const file = path.join(directory, 'seed.json');
  const records = Array.from({ length: count }, (_, index) => ({
    id: requestId(index),
    tenantId: TENANT_A,
    requestorId: USER_A,
    resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
    roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
    subjectId: USER_A,
    type: 'UserAdd',
    assignmentState: 'Active',
    requestedDateTime: '2026-11-28T09:00:00Z',
    reason: 'Deploying a hotfix',
    status: { status: 'InProgress', subStatus: 'PendingApproval' },
  }));
  writeFileSync(
    file,
    JSON.stringify({ ...referencedRecords(), roleAssignmentRequests: records }),
  );
  return file;
}

/** The requests and their audit records, read straight from the database the server used. */
async function readStoredState(
  database: TestDatabase,
  directory: string,
): Promise<StoredState> {
  const requestsSql =
    'SELECT id, status, sub_status FROM role_assignment_requests';
  const auditsSql =
    'SELECT request_id, COUNT(*) AS records FROM role_assignment_request_audit_events GROUP BY request_id';
  let requests: { id: string; status: string; sub_status: string }[];
  let audits: { request_id: string; records: number | string }[];
  if (testDatabaseKind() === 'sqlite') {
    const connection = new SqliteDatabase(path.join(directory, 'pim.sqlite'), {
      readonly: true,
    });
    try {
      requests = connection.prepare(requestsSql).all() as typeof requests;
      audits = connection.prepare(auditsSql).all() as typeof audits;
    } finally {
      connection.close();
    }
  } else {
    const url = new URL(database.url);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      requests = (await client.query<(typeof requests)[number]>(requestsSql))
        .rows;
      audits = (await client.query<(typeof audits)[number]>(auditsSql)).rows;
    } finally {
      await client.end();
    }
  }
  return {
    statuses: new Map(requests.map((row) => [row.id, row.status])),
    subStatuses: new Map(requests.map((row) => [row.id, row.sub_status])),
    audits: new Map(audits.map((row) => [row.request_id, Number(row.records)])),
  };
}

function exitOf(
  server: RunningServer,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  return new Promise((resolve) => {
    server.child.once('exit', (code, signal) =>
      resolve({ code, signal, at: Date.now() }),
    );
  });
}

interface SlowCancel {
  /** Sends the rest of the body. */
  finish(): void;
  /** Everything the server sent back, once it closed the connection. */
  readonly response: Promise<string>;
}

/** A cancel whose headers and first body byte are sent, and whose body ends on finish(). */
async function startSlowCancel(
  server: RunningServer,
  id: string,
): Promise<SlowCancel> {
  const socket: Socket = connect(
    Number(new URL(server.baseUrl).port),
    '127.0.0.1',
  );
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => undefined);
  const response = new Promise<string>((resolve) =>
    socket.once('close', () => resolve(received)),
  );
  socket.write(
    `POST ${REQUESTS_PATH}/${id}/cancel HTTP/1.1\r\n` +
      `Host: 127.0.0.1\r\nAuthorization: Bearer ${userToken()}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{',
  );
  // Long enough for the server to have read the headers: the request is in flight.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { finish: () => socket.write('}'), response };
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('stopping the server (node dist/main.js)', () => {
  let database: TestDatabase | undefined;
  let directory: string;

  beforeAll(() => {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run npm test, which builds it`);
    }
  });
  beforeEach(async () => {
    directory = freshDirectory();
    database = await createTestDatabase(directory);
  });
  afterEach(async () => {
    await stopAll();
    await database?.drop();
  });

  function serverEnvironment(
    overrides: Record<string, string> = {},
  ): Record<string, string> {
    return {
      DATABASE_URL: database!.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      ...overrides,
    };
  }

  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])(
    '%s during a burst of cancels: every 204 is stored whole, nothing half-written, exit 0 within the grace period',
    async (signal) => {
      const seeded = await runNode(
        SEED_CLI,
        [seedFile(directory, REQUESTS)],
        directory,
        serverEnvironment(),
      );
      expect(seeded.code).toBe(0);
      const server = await startServer(
        directory,
        serverEnvironment({ SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) }),
      );
      const exited = exitOf(server);
      const token = userToken();
      let answers = 0;
      let signalledAt = 0;

      const outcomes = await Promise.all(
        Array.from({ length: REQUESTS }, async (_, index): Promise<Outcome> => {
          const id = requestId(index);
          try {
            const response = await fetch(
              `${server.baseUrl}${REQUESTS_PATH}/${id}/cancel`,
              { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
            );
            await response.arrayBuffer();
            return {
              id,
              status: response.status,
              requestId: response.headers.get('request-id') ?? '',
            };
          } catch {
            return { id, status: 'connection failed' };
          } finally {
            answers += 1;
            if (answers === SIGNAL_AFTER_ANSWERS) {
              signalledAt = Date.now();
              server.child.kill(signal);
            }
          }
        }),
      );
      const exit = await exited;

      // The signal came during the burst, and the server stopped in time, on its own, with 0.
      expect(signalledAt).toBeGreaterThan(0);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);
      const cancelled = outcomes.filter(
        (outcome): outcome is Answered => outcome.status === 204,
      );
      expect(cancelled.length).toBeGreaterThanOrEqual(SIGNAL_AFTER_ANSWERS - 1);
      // A request the server read is answered; the others never got a connection.
      expect(
        outcomes.filter(
          (outcome) =>
            outcome.status !== 204 && outcome.status !== 'connection failed',
        ),
      ).toEqual([]);

      const stored = await readStoredState(database!, directory);
      for (const { id } of cancelled) {
        expect([
          id,
          stored.statuses.get(id),
          stored.subStatuses.get(id),
        ]).toEqual([id, 'Closed', 'Canceled']);
        expect([id, stored.audits.get(id)]).toEqual([id, 1]);
      }
      // No request half-written: Canceled exactly when it has its one audit record.
      for (let index = 0; index < REQUESTS; index += 1) {
        const id = requestId(index);
        const canceled = stored.subStatuses.get(id) === 'Canceled';
        expect([id, stored.audits.get(id) ?? 0]).toEqual([
          id,
          canceled ? 1 : 0,
        ]);
      }
      expect(
        [...stored.audits.keys()].every((id) => stored.subStatuses.has(id)),
      ).toBe(true);

      // Every line of output is JSON: one line per answered request, and the stop itself.
      const lines = jsonLines(server.output());
      for (const outcome of cancelled) {
        expect(
          lines.filter(
            (line) =>
              line['request-id'] === outcome.requestId && line.status === 204,
          ),
        ).toHaveLength(1);
      }
      expect(lines).toContainEqual(
        expect.objectContaining({
          context: 'Shutdown',
          msg: expect.stringContaining(`${signal}: stopping`),
        }),
      );
      expect(lines[lines.length - 1]).toMatchObject({
        level: 'info',
        context: 'Shutdown',
        msg: 'Stopped',
      });
    },
  );

  it('finishes a request in flight: its body arrives after the signal, it gets 204 and is stored', async () => {
    const seeded = await runNode(
      SEED_CLI,
      [seedFile(directory, 1)],
      directory,
      serverEnvironment(),
    );
    expect(seeded.code).toBe(0);
    const server = await startServer(
      directory,
      serverEnvironment({ SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) }),
    );
    const exited = exitOf(server);
    const slow = await startSlowCancel(server, requestId(0));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.finish();
    const response = await slow.response;
    const exit = await exited;

    expect(response).toMatch(/^HTTP\/1\.1 204 /);
    // Its connection closed with the response: the stop did not wait out the grace period.
    expect(response).toMatch(/\r\nconnection: close\r\n/i);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);
    expect(server.output()).not.toContain('still in flight');
    const stored = await readStoredState(database!, directory);
    expect(stored.subStatuses.get(requestId(0))).toBe('Canceled');
    expect(stored.audits.get(requestId(0))).toBe(1);
  });

  it('does not wait past SHUTDOWN_GRACE_SECONDS for a request that does not finish: closes its connection, exits 0', async () => {
    const server = await startServer(
      directory,
      serverEnvironment({ SHUTDOWN_GRACE_SECONDS: '1' }),
    );
    const exited = exitOf(server);
    // Its body never comes: the request stays in flight until its connection is closed.
    const slow = await startSlowCancel(server, requestId(0));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await exited;
    const response = await slow.response;

    expect(response).toBe('');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1000);
    expect(exit.at - signalledAt).toBeLessThan(3000);
    expect(jsonLines(server.output())).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        context: 'Shutdown',
        msg: '1 requests still in flight after 1s: closing their connections',
      }),
    );
  });
});
