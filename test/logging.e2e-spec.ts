import request from 'supertest';
import { LogCapture } from './support/log-capture.js';
import { aRequest, REQUESTS_PATH, storeRequests } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  APP_A,
  appToken,
  TENANT_A,
  USER_A,
  userToken,
} from './support/tokens.js';

const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
// What a URL may carry that a log must not: an id, and a secret in the query.
const SECRET_ID = '5ec7e700-aaaa-4bbb-8ccc-0123456789ab';
const SECRET_QUERY_VALUE = 'sv-2026-leaked-signature-Zq8x';
const SECRET_CANCEL_URL = `${REQUESTS_PATH}/${SECRET_ID}/cancel?sig=${SECRET_QUERY_VALUE}`;
const CANCEL_ROUTE = `${REQUESTS_PATH}/:id/cancel`;
const GET_ROUTE = `${REQUESTS_PATH}/:id`;

/** What every request line carries besides the request's own fields. */
const LINE_BASICS = {
  level: 'info',
  time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
  pid: expect.any(Number),
  hostname: expect.any(String),
  msg: 'request completed',
  latencyMs: expect.any(Number),
};

describe('logs', () => {
  describe('one JSON line per request', () => {
    let testApp: TestApp;
    const log = new LogCapture();

    beforeAll(async () => {
      testApp = await startTestApp(
        { LOG_LEVEL: 'info' },
        { logDestination: log },
      );
    });
    afterAll(() => testApp.close());

    it('a 204 cancel: ids, method, route pattern, status, latency, tenant and caller, nothing else', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`)
        .set('client-request-id', 'my-correlation-1');

      expect(response.status).toBe(204);
      const lines = await log.linesOf(response.headers['request-id']);
      expect(lines).toEqual([
        {
          ...LINE_BASICS,
          'request-id': response.headers['request-id'],
          'client-request-id': 'my-correlation-1',
          method: 'POST',
          route: CANCEL_ROUTE,
          status: 204,
          tenantId: TENANT_A,
          oid: USER_A,
        },
      ]);
      expect(lines[0].latencyMs).toBeGreaterThan(0);
    });

    it('a 400: the route pattern, not the id of the URL', async () => {
      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(400);
      const lines = await log.linesOf(response.headers['request-id']);
      expect(lines).toEqual([
        {
          ...LINE_BASICS,
          'request-id': response.headers['request-id'],
          'client-request-id': response.headers['request-id'],
          method: 'POST',
          route: CANCEL_ROUTE,
          status: 400,
          tenantId: TENANT_A,
          oid: USER_A,
        },
      ]);
      expect(log.lines.join('\n')).not.toContain(UNKNOWN_ID);
    });

    it('a 401: no caller', async () => {
      const response = await request(testApp.server).post(
        `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`,
      );

      expect(response.status).toBe(401);
      const lines = await log.linesOf(response.headers['request-id']);
      expect(lines).toEqual([
        {
          ...LINE_BASICS,
          'request-id': response.headers['request-id'],
          'client-request-id': response.headers['request-id'],
          method: 'POST',
          route: CANCEL_ROUTE,
          status: 401,
        },
      ]);
    });

    it('an application caller: its application id', async () => {
      const response = await request(testApp.server)
        .get(`${REQUESTS_PATH}/${UNKNOWN_ID}`)
        .set('Authorization', `Bearer ${appToken()}`);

      expect(response.status).toBe(400);
      const [line] = await log.linesOf(response.headers['request-id']);
      expect(line).toMatchObject({
        method: 'GET',
        route: GET_ROUTE,
        tenantId: TENANT_A,
        appId: APP_A,
      });
      expect(line).not.toHaveProperty('oid');
    });

    it('a path no route matches: route null', async () => {
      const response = await request(testApp.server)
        .get('/beta/privilegedAccess/azureResources/nothingHere')
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(400);
      const [line] = await log.linesOf(response.headers['request-id']);
      expect(line).toMatchObject({ method: 'GET', route: null, status: 400 });
    });
  });

  describe('tokens', () => {
    let testApp: TestApp;
    const log = new LogCapture();

    beforeAll(async () => {
      // The most verbose level: whatever any layer would ever log is in the output.
      testApp = await startTestApp(
        { LOG_LEVEL: 'trace' },
        { logDestination: log },
      );
    });
    afterAll(() => testApp.close());

    it('never appear in the output, whatever the request; the start-up messages are JSON too', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      const valid = userToken();
      const forged = `${valid.slice(0, -4)}AAAA`;
      const expired = userToken(undefined, { expiresInSeconds: -600 });
      const application = appToken();
      const sent = [
        request(testApp.server)
          .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
          .set('Authorization', `Bearer ${valid}`),
        request(testApp.server)
          .get(`${REQUESTS_PATH}/${stored.id}?access_token=${valid}`)
          .set('Authorization', `Bearer ${application}`),
        request(testApp.server)
          .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
          .set('Authorization', `Bearer ${forged}`),
        request(testApp.server)
          .get(`${REQUESTS_PATH}/${stored.id}`)
          .set('Authorization', `Bearer ${expired}`),
        request(testApp.server)
          .get(`/beta/${valid}`)
          .set('Authorization', `Bearer ${valid}`),
      ];

      const statuses: number[] = [];
      for (const pending of sent) {
        const response = await pending;
        statuses.push(response.status);
        await log.linesOf(response.headers['request-id']);
      }

      expect(statuses).toEqual([204, 200, 401, 401, 400]);
      const output = log.lines.join('\n');
      for (const token of [valid, forged, expired, application]) {
        expect(output).not.toContain(token);
        // Not even the signature alone.
        expect(output).not.toContain(token.split('.')[2]);
      }
      expect(output).not.toMatch(/bearer/i);
      // No Authorization header, by name and value (`Microsoft.Authorization` names routes).
      expect(output).not.toMatch(/authorization"?\s*[:=]/i);
      // Every line is JSON, Nest's own start-up messages included.
      const entries = log.entries();
      expect(entries).toContainEqual(
        expect.objectContaining({
          level: 'info',
          context: 'NestApplication',
          msg: 'Nest application successfully started',
        }),
      );
    });
  });

  describe('LOG_LEVEL=warn', () => {
    let testApp: TestApp;
    const log = new LogCapture();

    beforeAll(async () => {
      testApp = await startTestApp(
        { LOG_LEVEL: 'warn' },
        { logDestination: log },
      );
    });
    afterAll(() => testApp.close());

    it('leaves out the request lines, which are info', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(response.status).toBe(204);
      expect(log.lines).toEqual([]);
    });
  });

  describe('errors', () => {
    let testApp: TestApp;
    const log = new LogCapture();

    beforeAll(async () => {
      testApp = await startTestApp(
        { LOG_LEVEL: 'info' },
        { logDestination: log },
      );
    });
    afterAll(() => testApp.close());

    it('a 5xx answered on purpose (an injected fault): a warning without a stack, not an error', async () => {
      await request(testApp.server)
        .post('/_emulator/faults')
        .set('Authorization', `Bearer ${userToken()}`)
        .send({ status: 503, path: REQUESTS_PATH });

      const response = await request(testApp.server)
        .get(`${REQUESTS_PATH}/${UNKNOWN_ID}`)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(503);
      const requestId = response.headers['request-id'];
      await log.linesOf(requestId);
      const filterLines = log
        .entries()
        .filter(
          (entry) =>
            entry.context === 'GraphExceptionFilter' &&
            String(entry.msg).includes(requestId),
        );
      expect(filterLines).toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: expect.stringContaining(
            'answered 503 serviceNotAvailable on purpose',
          ),
        }),
      ]);
      expect(filterLines[0]).not.toHaveProperty('stack');
    });

    it('a 5xx answered on purpose: the warning names the route pattern, never the id or query of the URL', async () => {
      await request(testApp.server)
        .post('/_emulator/faults')
        .set('Authorization', `Bearer ${userToken()}`)
        .send({ status: 503, path: REQUESTS_PATH });

      const response = await request(testApp.server)
        .post(SECRET_CANCEL_URL)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(503);
      const requestId = response.headers['request-id'];
      await log.linesOf(requestId);
      expect(log.entries()).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          context: 'GraphExceptionFilter',
          msg: `POST ${CANCEL_ROUTE} answered 503 serviceNotAvailable on purpose (request-id ${requestId})`,
        }),
      );
      const output = log.lines.join('\n');
      expect(output).not.toContain(SECRET_ID);
      expect(output).not.toContain(SECRET_QUERY_VALUE);
    });

    it("a 5xx: the exception filter's error is a JSON line with the request id and the stack, beside the request line", async () => {
      await testApp.dataSource.destroy();

      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);

      // The database is gone: a failure of the service.
      expect(response.status).toBe(503);
      const requestId = response.headers['request-id'];
      await log.linesOf(requestId);
      const entries = log.entries();
      expect(entries).toContainEqual(
        expect.objectContaining({
          level: 'error',
          context: 'GraphExceptionFilter',
          msg: expect.stringContaining(`(request-id ${requestId})`),
          stack: expect.stringContaining('Error'),
        }),
      );
      expect(entries).toContainEqual(
        expect.objectContaining({
          'request-id': requestId,
          route: CANCEL_ROUTE,
          status: response.status,
        }),
      );
    });

    it("a 5xx: the exception filter's error names the route pattern, never the id or query of the URL", async () => {
      // The database is still gone (the test before).
      const response = await request(testApp.server)
        .post(SECRET_CANCEL_URL)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(503);
      const requestId = response.headers['request-id'];
      await log.linesOf(requestId);
      expect(log.entries()).toContainEqual(
        expect.objectContaining({
          level: 'error',
          context: 'GraphExceptionFilter',
          msg: `POST ${CANCEL_ROUTE} failed (request-id ${requestId})`,
        }),
      );
      const output = log.lines.join('\n');
      expect(output).not.toContain(SECRET_ID);
      expect(output).not.toContain(SECRET_QUERY_VALUE);
    });
  });
});
