import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

const NO_CACHE = 'no-cache, no-store, must-revalidate';

describe('health probes', () => {
  describe('with the database up', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('GET /health/live answers 200 without a token, uncached, with request ids', async () => {
      const response = await request(testApp.server).get('/health/live');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe(NO_CACHE);
      expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body).toEqual({
        status: 'ok',
        info: {},
        error: {},
        details: {},
      });
    });

    it('GET /health/ready answers 200 without a token once the database answers', async () => {
      const response = await request(testApp.server).get('/health/ready');

      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe(NO_CACHE);
      expect(response.body).toEqual({
        status: 'ok',
        info: {
          database: { status: 'up', responseTime: expect.any(Number) },
        },
        error: {},
        details: {
          database: { status: 'up', responseTime: expect.any(Number) },
        },
      });
    });

    it.each(['/health/live', '/health/ready'])(
      'GET %s ignores an Authorization header, even an invalid one',
      async (path) => {
        const response = await request(testApp.server)
          .get(path)
          .set('Authorization', 'Bearer not-a-token');

        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: 'ok' });
      },
    );

    it('serves the probes outside /beta only', async () => {
      const response = await request(testApp.server).get('/beta/health/live');

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: {
          code: 'BadRequest',
          message: "Resource not found for the segment 'health'.",
        },
      });
    });
  });

  describe('with the database unreachable', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      // A failed check is logged as an error, by design: keep the test output for surprises.
      testApp = await startTestApp({ LOG_LEVEL: 'silent' });
      await testApp.dataSource.destroy();
    });
    afterAll(() => testApp.close());

    it('GET /health/ready answers 503 naming the database check, without the driver message', async () => {
      const response = await request(testApp.server).get('/health/ready');

      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe(NO_CACHE);
      expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const down = {
        status: 'down',
        message: 'The database did not answer.',
        responseTime: expect.any(Number),
      };
      expect(response.body).toEqual({
        status: 'error',
        info: {},
        error: { database: down },
        details: { database: down },
      });
    });

    it('GET /health/live still answers 200: a database outage is no reason to restart', async () => {
      const response = await request(testApp.server).get('/health/live');

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok' });
    });
  });
});
