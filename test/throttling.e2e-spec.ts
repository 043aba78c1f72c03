import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { atDate } from './support/test-clock.js';
import { appToken, TENANT_A, TENANT_B, userToken } from './support/tokens.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LIMIT = 3;
const WINDOW_SECONDS = 3;

/** A user of its own for each test, so that tests do not share a count. */
function newCaller(tenantId = TENANT_A): { objectId: string; token: string } {
  const objectId = randomUUID();
  return { objectId, token: userToken(undefined, { tenantId, objectId }) };
}

function seconds(count: number): string {
  return count === 1 ? '1 second' : `${count} seconds`;
}

describe('throttling per caller and tenant', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      THROTTLE_LIMIT: String(LIMIT),
      THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
  });
  afterAll(() => testApp.close());

  function get(id: string, token: string) {
    return request(testApp.server)
      .get(`${REQUESTS_PATH}/${id}`)
      .set('Authorization', `Bearer ${token}`);
  }

  function cancel(id: string, token: string) {
    return request(testApp.server)
      .post(`${REQUESTS_PATH}/${id}/cancel`)
      .set('Authorization', `Bearer ${token}`);
  }

  /** Uses up the caller's requests of the current window. */
  async function exhaust(token: string): Promise<void> {
    for (let call = 0; call < LIMIT; call += 1) {
      const response = await get(randomUUID(), token);
      expect(response.status).toBe(400);
    }
  }

  it('answers the call past THROTTLE_LIMIT with 429 TooManyRequests, Retry-After and the request ids', async () => {
    const { token } = newCaller();
    await exhaust(token);

    const response = await get(randomUUID(), token).set(
      'client-request-id',
      'throttled-call',
    );

    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(
      /^application\/json(; charset=utf-8)?$/,
    );
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(response.headers['request-id']).toMatch(GUID);
    expect(response.headers['client-request-id']).toBe('throttled-call');
    expect(JSON.parse(response.text)).toEqual({
      error: {
        code: 'TooManyRequests',
        message: `Too many requests: a caller may make ${LIMIT} requests every ${WINDOW_SECONDS} seconds. Retry after ${seconds(retryAfter)}.`,
        innerError: {
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          'request-id': response.headers['request-id'],
          'client-request-id': 'throttled-call',
        },
      },
    });
  });

  it('lets the caller in again once Retry-After has passed', async () => {
    const { token } = newCaller();
    await exhaust(token);
    const throttled = await get(randomUUID(), token);
    expect(throttled.status).toBe(429);

    const retryAfterSeconds = Number(throttled.headers['retry-after']);

    const again = await atDate(Date.now() + retryAfterSeconds * 1000, () =>
      get(randomUUID(), token),
    );
    expect(again.status).toBe(400);
  });

  it('counts each caller of a tenant, and the same caller id in each tenant, on its own', async () => {
    const { objectId, token } = newCaller(TENANT_A);
    await exhaust(token);
    expect((await get(randomUUID(), token)).status).toBe(429);

    const colleague = newCaller(TENANT_A).token;
    const sameIdInTenantB = userToken(undefined, {
      tenantId: TENANT_B,
      objectId,
    });
    for (const other of [colleague, sameIdInTenantB]) {
      for (let call = 0; call < LIMIT; call += 1) {
        expect((await get(randomUUID(), other)).status).toBe(400);
      }
    }
  });

  it('counts an application by its app id, apart from the users of its tenant', async () => {
    const applicationId = randomUUID();
    const token = appToken(undefined, { applicationId });
    await exhaust(token);

    expect((await get(randomUUID(), token)).status).toBe(429);
    expect((await get(randomUUID(), newCaller().token)).status).toBe(400);
  });

  it('counts all routes together, and a throttled cancel changes nothing', async () => {
    const stored = aRequest({ subStatus: 'PendingApproval' });
    await storeRequests(testApp.dataSource, stored);
    const { token } = newCaller();
    for (let call = 0; call < LIMIT; call += 1) {
      expect((await get(stored.id, token)).status).toBe(200);
    }

    const first = await cancel(stored.id, token);
    const second = await cancel(stored.id, token);

    for (const response of [first, second]) {
      expect(response.status).toBe(429);
      expect(JSON.parse(response.text).error.code).toBe('TooManyRequests');
    }
    const after = await findStoredRequest(testApp.dataSource, stored.id);
    expect(after).toMatchObject({
      status: 'InProgress',
      subStatus: 'PendingApproval',
      previousSubStatus: null,
    });
    expect(await auditEventsOf(testApp.dataSource, stored.id)).toEqual([]);
  });

  it('counts nothing on public routes (/health), token or not', async () => {
    const { token } = newCaller();

    for (let call = 0; call < LIMIT * 2; call += 1) {
      const anonymous = await request(testApp.server).get('/health/live');
      const withToken = await request(testApp.server)
        .get('/health/live')
        .set('Authorization', `Bearer ${token}`);
      expect(anonymous.status).toBe(200);
      expect(withToken.status).toBe(200);
    }
    for (let call = 0; call < LIMIT; call += 1) {
      expect((await get(randomUUID(), token)).status).toBe(400);
    }
  });

  it('does not count refused tokens: they get 401, never 429', async () => {
    for (let call = 0; call < LIMIT * 2; call += 1) {
      const response = await get(randomUUID(), 'not-a-token');
      expect(response.status).toBe(401);
    }
  });
});

describe('throttling with THROTTLE_LIMIT=0', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      THROTTLE_LIMIT: '0',
      THROTTLE_WINDOW_SECONDS: '60',
    });
  });
  afterAll(() => testApp.close());

  it('never throttles', async () => {
    const { token } = newCaller();

    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(testApp.server)
          .get(`${REQUESTS_PATH}/${randomUUID()}`)
          .set('Authorization', `Bearer ${token}`)
          .then((response) => response.status),
      ),
    );

    expect(new Set(statuses)).toEqual(new Set([400]));
  });
});
