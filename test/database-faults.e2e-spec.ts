import {
  SqliteDatabase,
  type SqliteConnection,
} from '../src/database/sqlite-driver.js';
import request from 'supertest';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { LogCapture } from './support/log-capture.js';
import { fixtureId } from './support/pim-fixture.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { SqlClient } from '../src/database/sql-client.js';
import { isDatabaseUnavailable } from '../src/database/database-errors.js';
import {
  startSeededTestApp,
  startTestApp,
  type TestApp,
} from './support/test-app.js';
import {
  describeOnPostgres,
  testDatabaseKind,
} from './support/test-database.js';
import { READ_WRITE, TENANT_A, userToken } from './support/tokens.js';

const describeOnSqlite =
  testDatabaseKind() === 'sqlite' ? describe : describe.skip;

/** What a client sees while the database is away: a Graph 503 to retry, telling nothing of it. */
function expectServiceUnavailable(response: request.Response): void {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
  expect(response.body.error.code).toBe('serviceNotAvailable');
  expect(JSON.stringify(response.body)).not.toMatch(
    /ECONN|postgres|sqlite|at /i,
  );
}

describeOnSqlite('the SQLite database closed under the running app', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 503 serviceNotAvailable with Retry-After, changes nothing, and serves again once it is open', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    const cancel = () =>
      request(testApp.server)
        .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);

    await testApp.dataSource.destroy();
    expectServiceUnavailable(await cancel());
    await testApp.dataSource.initialize();

    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({
      subStatus: 'PendingApproval',
    });
    expect((await cancel()).status).toBe(204);
  });
});

const RESOURCE = fixtureId('d0000000', 1);
const READER = fixtureId('d1000000', 1);
const OWNER = fixtureId('d1000000', 2);
const ADMIN = fixtureId('d2000000', 1);
const OTHER = fixtureId('d2000000', 2);

/** An Owner of a resource, who may add others to its Reader role. */
function ownedResource() {
  return {
    resources: [resourceRecord(TENANT_A, RESOURCE)],
    roleDefinitions: [
      roleDefinitionRecord(TENANT_A, READER, RESOURCE, ROLE_TEMPLATES.reader),
      roleDefinitionRecord(TENANT_A, OWNER, RESOURCE, ROLE_TEMPLATES.owner),
    ],
    subjects: [ADMIN, OTHER].map((id) => userRecord(TENANT_A, id)),
    roleAssignments: [
      assignmentRecord(TENANT_A, {
        id: fixtureId('d3000000', 1),
        resourceId: RESOURCE,
        roleDefinitionId: OWNER,
        subjectId: ADMIN,
      }),
    ],
  };
}

describeOnSqlite(
  'the SQLite file full, read-only or locked by another process',
  () => {
    const BUSY_TIMEOUT_MS = 1500;
    const log = new LogCapture();
    let testApp: TestApp;
    let connection: SqliteConnection;
    // Another process on the same file: the seed command, a backup.
    let otherProcess: SqliteConnection;

    beforeAll(async () => {
      testApp = await startSeededTestApp(
        [ownedResource()],
        { DB_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) },
        { logDestination: log },
      );
      connection = (
        testApp.dataSource.driver as unknown as {
          databaseConnection: SqliteConnection;
        }
      ).databaseConnection;
      otherProcess = new SqliteDatabase(
        testApp.databaseUrl.replace(/^sqlite:/, ''),
        {
          timeout: 0,
        },
      );
    });
    afterAll(async () => {
      otherProcess.close();
      await testApp.close();
    });

    const ready = () => request(testApp.server).get('/health/ready');
    const live = () => request(testApp.server).get('/health/live');
    const cancel = (id: string) =>
      request(testApp.server)
        .post(`${REQUESTS_PATH}/${id}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);
    // A justification of 8,000 bytes: its row needs pages of its own.
    const addReader = () =>
      request(testApp.server)
        .post(REQUESTS_PATH)
        .set(
          'Authorization',
          `Bearer ${userToken([READ_WRITE], { objectId: ADMIN })}`,
        )
        .send({
          resourceId: RESOURCE,
          roleDefinitionId: READER,
          subjectId: OTHER,
          assignmentState: 'Eligible',
          type: 'AdminAdd',
          reason: 'é'.repeat(4000),
          schedule: { type: 'Once' },
        });

    async function storedPendingRequest(): Promise<string> {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      return stored.id;
    }

    /** Lets the file grow no more, and fills what room it has left, as a full disk would. */
    function fillTheDisk(): void {
      connection.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
      const pages = connection.pragma('page_count', { simple: true }) as number;
      connection.pragma(`max_page_count = ${pages}`);
      for (const size of [3000, 300, 30]) {
        try {
          for (;;) {
            connection
              .prepare('INSERT INTO filler (b) VALUES (zeroblob(?))')
              .run(size);
          }
        } catch {
          // no room for rows of this size: try smaller ones
        }
      }
    }

    function freeTheDisk(): void {
      connection.exec('DROP TABLE filler');
      connection.pragma('max_page_count = 1073741823');
    }

    it('a full disk: 503 serviceNotAvailable with Retry-After, the cause logged, not ready until writes go through again', async () => {
      expect((await ready()).status).toBe(200);
      fillTheDisk();

      const refused = await addReader();

      expectServiceUnavailable(refused);
      expect(log.lines.join('\n')).toContain('database or disk is full');
      expect(log.lines.join('\n')).not.toContain('no transaction is active');
      const notReady = await ready();
      expect(notReady.status).toBe(503);
      expect(JSON.stringify(notReady.body)).toContain(
        'The database does not take writes.',
      );
      expect((await live()).status).toBe(200);

      freeTheDisk();
      expect((await ready()).status).toBe(200);
      expect((await addReader()).status).toBe(201);
    });

    it('a read-only file: 503 with Retry-After, nothing changed, not ready until it takes writes again', async () => {
      const id = await storedPendingRequest();
      connection.pragma('query_only = ON');

      expectServiceUnavailable(await cancel(id));
      expect((await ready()).status).toBe(503);
      expect(log.lines.join('\n')).toContain(
        'attempt to write a readonly database',
      );

      connection.pragma('query_only = OFF');
      expect((await ready()).status).toBe(200);
      expect((await cancel(id)).status).toBe(204);
    });

    describe('another process holding the write lock', () => {
      afterEach(() => {
        if (otherProcess.inTransaction) {
          otherProcess.exec('ROLLBACK');
        }
      });

      it('a write waiting for it blocks nobody: health and reads answer first; after the busy timeout it answers 503 with Retry-After, nothing written', async () => {
        const id = await storedPendingRequest();
        otherProcess.exec('BEGIN IMMEDIATE');
        const answered: string[] = [];
        const waiting = cancel(id).then((response) => {
          answered.push('cancel');
          return response;
        });

        await new Promise((resolve) => setTimeout(resolve, 100));
        const liveness = await live();
        answered.push('live');
        const read = await request(testApp.server)
          .get(`${REQUESTS_PATH}/${id}`)
          .set('Authorization', `Bearer ${userToken()}`);
        answered.push('read');
        const refused = await waiting;

        expect(answered).toEqual(['live', 'read', 'cancel']);
        expect(liveness.status).toBe(200);
        expect(read.status).toBe(200);
        expectServiceUnavailable(refused);
        expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
          subStatus: 'PendingApproval',
        });
        expect(await auditEventsOf(testApp.dataSource, id)).toEqual([]);
      });

      it('a write waiting for it goes through once the lock is released within the busy timeout', async () => {
        const id = await storedPendingRequest();
        otherProcess.exec('BEGIN IMMEDIATE');
        const waiting = cancel(id);

        expect((await live()).status).toBe(200);
        otherProcess.exec('COMMIT');

        expect((await waiting).status).toBe(204);
        expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
          subStatus: 'Canceled',
        });
      });
    });
  },
);

/**
 * PostgreSQL: the app reaches its database through a TCP proxy of the test's own, which the test
 * cuts and restores.
 */
describeOnPostgres('the PostgreSQL server going away and coming back', () => {
  let direct: TestApp;
  let proxied: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    direct = await startTestApp();
    const url = new URL(direct.databaseUrl);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    url.host = `127.0.0.1:${await proxy.open()}`;
    proxied = await startTestApp({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await proxied?.close();
    await proxy?.cut();
    await direct?.close();
  });

  const token = () => userToken();
  const get = (id: string) =>
    request(proxied.server)
      .get(`${REQUESTS_PATH}/${id}`)
      .set('Authorization', `Bearer ${token()}`);
  const cancel = (id: string) =>
    request(proxied.server)
      .post(`${REQUESTS_PATH}/${id}/cancel`)
      .set('Authorization', `Bearer ${token()}`);

  async function pendingRequests(count: number) {
    const requests = Array.from({ length: count }, () => aRequest());
    await storeRequests(direct.dataSource, ...requests);
    return requests.map((stored) => stored.id);
  }

  /** Polls until the app answers from its database again; fails after 15 s. */
  async function untilAnswering(id: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if ((await get(id)).status === 200) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The app did not recover within 15 s');
  }

  it('answers 503 serviceNotAvailable with Retry-After while it is away, changes nothing, and recovers by itself', async () => {
    const [id] = await pendingRequests(1);
    expect((await get(id)).status).toBe(200);

    await proxy.cut();
    const read = await get(id);
    const cancelled = await cancel(id);

    expectServiceUnavailable(read);
    expectServiceUnavailable(cancelled);
    expect(await findStoredRequest(direct.dataSource, id)).toMatchObject({
      subStatus: 'PendingApproval',
    });
    expect(await auditEventsOf(direct.dataSource, id)).toEqual([]);

    await proxy.open();
    await untilAnswering(id);
    expect((await cancel(id)).status).toBe(204);
    expect(await findStoredRequest(direct.dataSource, id)).toMatchObject({
      subStatus: 'Canceled',
    });
  });

  it('a connection lost inside a transaction fails that transaction, and the process stays up', async () => {
    const sql = proxied.app.get(SqlClient);

    const outcome = await sql
      .transaction(async (session) => {
        await session.rows('SELECT 1');
        await proxy.cut();
        // The lost connection reports itself while no query is running.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return session.rows('SELECT 1');
      })
      .catch((error: unknown) => error);
    await proxy.open();

    expect(isDatabaseUnavailable(outcome)).toBe(true);
    await untilAnswering((await pendingRequests(1))[0]);
  });

  it('cut in the middle of many cancels: each answers 204 or 503, and each request is wholly cancelled or untouched', async () => {
    const ids = await pendingRequests(60);

    const responses = Promise.all(ids.map((id) => cancel(id)));
    await new Promise((resolve) => setTimeout(resolve, 15));
    await proxy.cut();
    const statuses = (await responses).map((response) => response.status);
    await proxy.open();

    expect(
      statuses.filter((status) => status !== 204 && status !== 503),
    ).toEqual([]);
    expect(statuses).toContain(503);
    for (const [index, id] of ids.entries()) {
      const stored = await findStoredRequest(direct.dataSource, id);
      const events = await auditEventsOf(direct.dataSource, id);
      if (stored.subStatus === 'Canceled') {
        expect(events).toHaveLength(1);
      } else {
        expect(stored.subStatus).toBe('PendingApproval');
        expect(events).toEqual([]);
        expect(statuses[index]).toBe(503);
      }
    }

    await untilAnswering(ids[0]);
    const retried = await Promise.all(
      ids
        .filter((_id, index) => statuses[index] === 503)
        .map(async (id) => (await cancel(id)).status),
    );
    expect(retried.every((status) => status === 204 || status === 400)).toBe(
      true,
    );
  });
});
