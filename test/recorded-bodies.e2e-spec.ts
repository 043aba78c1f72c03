// Before the app: `$batch` runs its requests through `inject` (see the module).
import './support/fastify-inject.js';
import request from 'supertest';
import { REQUESTS_PATH } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { userToken } from './support/tokens.js';

const RESOURCES_PATH = '/beta/privilegedAccess/azureResources/resources';
const BODY_CAP = 512;

/** A request body as a client sends it, with a field that looks like a secret. */
const REQUEST_BODY = {
  reason: 'Deploying the release',
  ticketInfo: { ticketNumber: 'CHG-42', ticketSystem: 'ServiceNow' },
  clientSecret: 'looks-like-a-secret',
};

describe('request bodies in the recorded calls (GET /_emulator/requests)', () => {
  const token = userToken();

  const send = (testApp: TestApp, body: string | object, type: string) =>
    request(testApp.server)
      .post(REQUESTS_PATH)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(body);

  async function recordedCalls(testApp: TestApp) {
    const response = await request(testApp.server)
      .get('/_emulator/requests')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return response.body.value as Record<string, unknown>[];
  }

  describe('by default', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('records calls without their bodies', async () => {
      await send(testApp, REQUEST_BODY, 'application/json');

      const [call] = await recordedCalls(testApp);

      expect(call).toMatchObject({ method: 'POST', url: REQUESTS_PATH });
      expect(call).not.toHaveProperty('body');
    });
  });

  describe(`with EMULATOR_RECORD_BODIES=true and EMULATOR_RECORDED_BODY_BYTES=${BODY_CAP}`, () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        EMULATOR_RECORD_BODIES: 'true',
        EMULATOR_RECORDED_BODY_BYTES: String(BODY_CAP),
      });
    });
    afterAll(() => testApp.close());
    beforeEach(async () => {
      const reset = await request(testApp.server)
        .post('/_emulator/reset')
        .set('Authorization', `Bearer ${token}`);
      expect(reset.status).toBe(200);
    });

    it('records a JSON body as its JSON, secret-looking fields included, and never the token', async () => {
      const sent = await send(
        testApp,
        REQUEST_BODY,
        'application/json; charset=utf-8',
      );

      const calls = await recordedCalls(testApp);

      expect(calls).toEqual([
        expect.objectContaining({
          method: 'POST',
          url: REQUESTS_PATH,
          status: sent.status,
          body: {
            contentType: 'application/json; charset=utf-8',
            bytes: Buffer.byteLength(JSON.stringify(REQUEST_BODY)),
            truncated: false,
            json: REQUEST_BODY,
          },
        }),
      ]);
      expect(JSON.stringify(calls)).not.toContain(token);
    });

    it('records other bodies as text, or base64 when they are not UTF-8', async () => {
      await send(
        testApp,
        'reason=on call',
        'application/x-www-form-urlencoded',
      );
      await send(testApp, Buffer.from([0xff, 0x00, 0xfe]), 'image/png');

      const calls = await recordedCalls(testApp);

      expect(calls.map((call) => call.body)).toEqual([
        {
          contentType: 'application/x-www-form-urlencoded',
          bytes: 14,
          truncated: false,
          text: 'reason=on call',
        },
        {
          contentType: 'image/png',
          bytes: 3,
          truncated: false,
          base64: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'),
        },
      ]);
    });

    it('keeps the first bytes of a longer body as text, saying it was cut', async () => {
      const long = { ...REQUEST_BODY, reason: 'x'.repeat(2 * BODY_CAP) };

      await send(testApp, long, 'application/json');

      const [call] = await recordedCalls(testApp);
      expect(call.body).toEqual({
        contentType: 'application/json',
        bytes: Buffer.byteLength(JSON.stringify(long)),
        truncated: true,
        text: JSON.stringify(long).slice(0, BODY_CAP),
      });
    });

    it('records a call without a body without a body key', async () => {
      await request(testApp.server)
        .get(RESOURCES_PATH)
        .set('Authorization', `Bearer ${token}`);

      const [call] = await recordedCalls(testApp);

      expect(call).toMatchObject({ method: 'GET', url: RESOURCES_PATH });
      expect(call).not.toHaveProperty('body');
    });

    it('records the body of a $batch once, with the batch; its requests are listed first, without bodies', async () => {
      const batch = {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/privilegedAccess/azureResources/roleAssignmentRequests',
            headers: { 'Content-Type': 'application/json' },
            body: REQUEST_BODY,
          },
          {
            id: '2',
            method: 'GET',
            url: '/privilegedAccess/azureResources/resources',
          },
        ],
      };

      const sent = await request(testApp.server)
        .post('/beta/$batch')
        .set('Authorization', `Bearer ${token}`)
        .send(batch);

      expect(sent.status).toBe(200);
      const calls = await recordedCalls(testApp);
      expect(calls).toEqual([
        expect.objectContaining({ method: 'POST', url: REQUESTS_PATH }),
        expect.objectContaining({ method: 'GET', url: RESOURCES_PATH }),
        expect.objectContaining({
          method: 'POST',
          url: '/beta/$batch',
          status: 200,
          body: expect.objectContaining({ truncated: false, json: batch }),
        }),
      ]);
      expect(calls[0]).not.toHaveProperty('body');
      expect(calls[1]).not.toHaveProperty('body');
    });
  });
});
