import request from 'supertest';
import { SqlClient } from '../src/database/sql-client.js';
import {
  aRequest,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { userToken } from './support/tokens.js';

describe('transactions', () => {
  let testApp: TestApp;
  let sql: SqlClient;

  beforeEach(async () => {
    testApp = await startTestApp();
    sql = testApp.app.get(SqlClient);
  });
  afterEach(() => testApp.close());

  it('roll back everything when the work fails half-way', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const failure = await sql
      .transaction(async (session) => {
        await session.run(
          `UPDATE role_assignment_requests SET sub_status = 'Canceled' WHERE id = ${testApp.parameter(0)}`,
          [stored.id],
        );
        throw new Error('second statement failed');
      })
      .catch((error: unknown) => error);

    expect(failure).toEqual(new Error('second statement failed'));
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({
      subStatus: 'PendingApproval',
    });
  });

  it('do not see each other half-done when they run at once', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    const observed: string[] = [];

    await Promise.all(
      ['Granted', 'Denied'].map((subStatus) =>
        sql.transaction(async (session) => {
          await session.run(
            `UPDATE role_assignment_requests SET sub_status = ${testApp.parameter(0)} WHERE id = ${testApp.parameter(1)}`,
            [subStatus, stored.id],
          );
          await new Promise((resolve) => setTimeout(resolve, 20));
          const [row] = await session.rows(
            `SELECT sub_status FROM role_assignment_requests WHERE id = ${testApp.parameter(0)}`,
            [stored.id],
          );
          observed.push(`${subStatus}:${String(row.sub_status)}`);
        }),
      ),
    );

    // Either may go first (PostgreSQL runs them at once, its row lock orders them); neither
    // reads the other's uncommitted value.
    expect([...observed].sort()).toEqual(['Denied:Denied', 'Granted:Granted']);
  });

  it('a cancel whose audit record cannot be written leaves the request as it was', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    await testApp.dataSource.query(
      'DROP TABLE role_assignment_request_audit_events',
    );

    const response = await request(testApp.server)
      .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('generalException');
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({
      status: 'InProgress',
      subStatus: 'PendingApproval',
    });
  });
});
