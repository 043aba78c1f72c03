import request from 'supertest';
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
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  describeOnPostgres,
  testDatabaseKind,
} from './support/test-database.js';
import { userToken } from './support/tokens.js';

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
