import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { aRequest, REQUESTS_PATH, storeRequests } from './support/requests.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { userToken } from './support/tokens.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JSON_CONTENT_TYPE = /^application\/json(; charset=utf-8)?$/;
const ENTITY_CONTEXT =
  '/beta/$metadata#governanceRoleAssignmentRequests/$entity';
const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
const BODY_LIMIT = 4096;

type Headers = Record<string, string | string[] | undefined>;

interface GraphResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** The checks every Graph error response must pass; returns the parsed error. */
function expectGraphError(
  response: GraphResponse,
  status: number,
  code: string,
): { code: string; message: string } {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(JSON_CONTENT_TYPE);
  const body = JSON.parse(response.text) as {
    error: {
      code: string;
      message: string;
      innerError: Record<string, string>;
    };
  };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.innerError).toEqual({
    date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    'request-id': response.headers['request-id'],
    'client-request-id': response.headers['client-request-id'],
  });
  const date = Date.parse(`${body.error.innerError.date}Z`);
  expect(Math.abs(date - Date.now())).toBeLessThan(60_000);
  expect(response.headers['x-powered-by']).toBeUndefined();
  return body.error;
}

describe('the Graph protocol', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      MAX_REQUEST_BODY_BYTES: String(BODY_LIMIT),
    });
  });
  afterAll(() => testApp.close());

  /** One call of every kind of response the service gives; `clientRequestId` is sent when given. */
  const calls: [
    string,
    number,
    string | undefined,
    (clientRequestId?: string) => Promise<GraphResponse>,
  ][] = [
    [
      '204 (cancel)',
      204,
      undefined,
      async (clientRequestId) => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);
        return send('POST', `${REQUESTS_PATH}/${stored.id}/cancel`, {
          token: userToken(),
          clientRequestId,
        });
      },
    ],
    [
      '200 (get)',
      200,
      undefined,
      async (clientRequestId) => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);
        return send('GET', `${REQUESTS_PATH}/${stored.id}`, {
          token: userToken(),
          clientRequestId,
        });
      },
    ],
    [
      '400 (unknown request)',
      400,
      'RoleAssignmentRequestNotFound',
      (clientRequestId) =>
        send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
          token: userToken(),
          clientRequestId,
        }),
    ],
    [
      '401 (no token)',
      401,
      'InvalidAuthenticationToken',
      (clientRequestId) =>
        send('POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, {
          clientRequestId,
        }),
    ],
    [
      '403 (permission missing)',
      403,
      'UnauthorizedAccessException',
      (clientRequestId) =>
        send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
          token: userToken(['User.Read']),
          clientRequestId,
        }),
    ],
    [
      '400 (unknown path)',
      400,
      'BadRequest',
      (clientRequestId) => send('GET', '/beta/foo', { clientRequestId }),
    ],
    [
      '405 (wrong method)',
      405,
      'MethodNotAllowed',
      (clientRequestId) =>
        send('DELETE', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
          token: userToken(),
          clientRequestId,
        }),
    ],
  ];

  async function send(
    method: string,
    path: string,
    options: { token?: string; clientRequestId?: string } = {},
  ): Promise<GraphResponse> {
    let call = request(testApp.server)[
      method.toLowerCase() as 'get' | 'post' | 'delete' | 'patch' | 'put'
    ](path);
    if (options.token) {
      call = call.set('Authorization', `Bearer ${options.token}`);
    }
    if (options.clientRequestId !== undefined) {
      call = call.set('client-request-id', options.clientRequestId);
    }
    const response = await call;
    return {
      status: response.status,
      headers: response.headers,
      text: response.text,
    };
  }

  describe('request ids', () => {
    it.each(calls)(
      '%s carries a new request-id and, without a client value, the same client-request-id',
      async (_case, status, _code, call) => {
        const first = await call();
        const second = await call();

        for (const response of [first, second]) {
          expect(response.status).toBe(status);
          expect(response.headers['request-id']).toMatch(GUID);
          expect(response.headers['client-request-id']).toBe(
            response.headers['request-id'],
          );
          expect(response.headers['x-powered-by']).toBeUndefined();
        }
        expect(second.headers['request-id']).not.toBe(
          first.headers['request-id'],
        );
      },
    );

    it.each(calls)(
      "%s echoes the client's client-request-id",
      async (_case, status, _code, call) => {
        const clientRequestId = '0f8fad5b-d9cb-469f-a165-70867728950e';

        const response = await call(clientRequestId);

        expect(response.status).toBe(status);
        expect(response.headers['client-request-id']).toBe(clientRequestId);
        expect(response.headers['request-id']).toMatch(GUID);
        expect(response.headers['request-id']).not.toBe(clientRequestId);
      },
    );

    it.each(calls.filter(([, status]) => status >= 400))(
      '%s has a Graph error body with content type application/json and the ids of the headers',
      async (_case, status, code, call) => {
        const response = await call('trace-me');

        expectGraphError(response, status, code!);
        expect(
          JSON.parse(response.text).error.innerError['client-request-id'],
        ).toBe('trace-me');
      },
    );

    it('echoes a client value of 128 visible characters', async () => {
      const value = `a-${'9'.repeat(126)}`;

      const response = await send('GET', '/beta/foo', {
        clientRequestId: value,
      });

      expect(response.headers['client-request-id']).toBe(value);
    });

    it.each([
      ['longer than 128 characters', 'x'.repeat(129)],
      ['with a space', 'two words'],
      ['empty', ''],
    ])('replaces a client value %s by the request-id', async (_case, value) => {
      const response = await send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
        token: userToken(),
        clientRequestId: value,
      });

      expect(response.status).toBe(400);
      expect(response.headers['request-id']).toMatch(GUID);
      expect(response.headers['client-request-id']).toBe(
        response.headers['request-id'],
      );
      expect(
        JSON.parse(response.text).error.innerError['client-request-id'],
      ).toBe(response.headers['request-id']);
    });
  });

  describe('unknown paths', () => {
    it.each([
      ['GET', '/beta/foo', 'foo'],
      ['POST', '/beta/foo', 'foo'],
      ['GET', '/beta/privilegedAccess/azureResources/roleThings', 'roleThings'],
      ['GET', `${REQUESTS_PATH}/${UNKNOWN_ID}/bogus`, 'bogus'],
      ['POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/bogus`, 'bogus'],
      ['POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel/now`, 'now'],
      ['GET', '/v1.0/privilegedAccess', 'v1.0'],
    ])(
      '%s %s gets 400 BadRequest naming the segment %p, token or not',
      async (method, path, segment) => {
        for (const token of [undefined, userToken()]) {
          const error = expectGraphError(
            await send(method, path, { token }),
            400,
            'BadRequest',
          );

          expect(error.message).toBe(
            `Resource not found for the segment '${segment}'.`,
          );
        }
      },
    );
  });

  describe('wrong methods', () => {
    it.each([
      ['DELETE', `${REQUESTS_PATH}/${UNKNOWN_ID}`, 'GET'],
      ['PATCH', `${REQUESTS_PATH}/${UNKNOWN_ID}`, 'GET'],
      ['PUT', `${REQUESTS_PATH}/${UNKNOWN_ID}`, 'GET'],
      ['POST', `${REQUESTS_PATH}/${UNKNOWN_ID}`, 'GET'],
      ['GET', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, 'POST'],
      ['DELETE', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, 'POST'],
    ])(
      '%s %s gets 405 MethodNotAllowed with Allow: %s',
      async (method, path, allow) => {
        const response = await send(method, path, { token: userToken() });

        expectGraphError(response, 405, 'MethodNotAllowed');
        expect(response.headers.allow).toBe(allow);
      },
    );

    it('changes nothing', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      await send('GET', `${REQUESTS_PATH}/${stored.id}/cancel`, {
        token: userToken(),
      });

      const after = await send('GET', `${REQUESTS_PATH}/${stored.id}`, {
        token: userToken(),
      });
      expect(JSON.parse(after.text).status.subStatus).toBe('PendingApproval');
    });
  });

  describe('malformed requests', () => {
    it.each([
      ['GET', `${REQUESTS_PATH}/%E0%A4%A`],
      ['POST', `${REQUESTS_PATH}/%ZZ/cancel`],
    ])(
      '%s %s with a malformed percent-encoding gets a 400 Graph error, not HTML',
      async (method, path) => {
        const response = await rawRequest(testApp.baseUrl, {
          method,
          path,
          headers: { Authorization: `Bearer ${userToken()}` },
        });

        expectGraphError(response, 400, 'BadRequest');
        expect(response.text).not.toContain('<');
      },
    );

    it('answers a body over MAX_REQUEST_BODY_BYTES with a 413 Graph error', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      const body = JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT) });

      const response = await rawRequest(testApp.baseUrl, {
        method: 'POST',
        path: `${REQUESTS_PATH}/${stored.id}/cancel`,
        headers: {
          Authorization: `Bearer ${userToken()}`,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        },
        body,
      });

      const error = expectGraphError(response, 413, 'RequestEntityTooLarge');
      expect(error.message).toContain(String(BODY_LIMIT));
      expect(response.headers['request-id']).toMatch(GUID);
    });

    it('reads a body within the limit (and cancel refuses its content with 400)', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      const body = JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT - 100) });

      const response = await rawRequest(testApp.baseUrl, {
        method: 'POST',
        path: `${REQUESTS_PATH}/${stored.id}/cancel`,
        headers: {
          Authorization: `Bearer ${userToken()}`,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        },
        body,
      });

      expectGraphError(response, 400, 'BadRequest');
    });

    it('answers malformed JSON with a 400 Graph error', async () => {
      const response = await rawRequest(testApp.baseUrl, {
        method: 'POST',
        path: `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`,
        headers: {
          Authorization: `Bearer ${userToken()}`,
          'Content-Type': 'application/json',
        },
        body: '{"reason":',
      });

      expectGraphError(response, 400, 'BadRequest');
    });
  });

  describe('@odata.context', () => {
    async function getWithHost(host: string): Promise<RawResponse> {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      return rawRequest(testApp.baseUrl, {
        method: 'GET',
        path: `${REQUESTS_PATH}/${stored.id}`,
        headers: { Authorization: `Bearer ${userToken()}`, Host: host },
      });
    }

    it('is built from the Host header', async () => {
      const response = await getWithHost('pim.contoso.test:8443');

      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)['@odata.context']).toBe(
        `http://pim.contoso.test:8443${ENTITY_CONTEXT}`,
      );
    });

    it('does not take a Host header that is no host name', async () => {
      const response = await getWithHost('evil.example/phish?');

      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)['@odata.context']).toBe(
        `http://localhost${ENTITY_CONTEXT}`,
      );
    });

    it('is not added to error responses', async () => {
      const response = await send('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, {
        token: userToken(),
      });

      expect(JSON.parse(response.text)).not.toHaveProperty('@odata.context');
    });
  });
});

describe('the Graph protocol with PUBLIC_BASE_URL', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      PUBLIC_BASE_URL: 'https://pim.contoso.com/graph/',
    });
  });
  afterAll(() => testApp.close());

  it('builds @odata.context from PUBLIC_BASE_URL, whatever the Host header', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${stored.id}`)
      .set('Host', 'internal-node-7:3000')
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(200);
    expect(response.body['@odata.context']).toBe(
      `https://pim.contoso.com/graph${ENTITY_CONTEXT}`,
    );
  });
});

describe('the Graph protocol when the database fails unexpectedly', () => {
  let testApp: TestApp;
  let loggedErrors: unknown[][];

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    loggedErrors = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((...args: unknown[]) => {
        loggedErrors.push(args);
      });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers GET and cancel with 500 generalException, leaking nothing, and logs the failure', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    await testApp.dataSource.query('DROP TABLE "role_assignment_requests"');

    const responses = [
      await request(testApp.server)
        .get(`${REQUESTS_PATH}/${stored.id}`)
        .set('Authorization', `Bearer ${userToken()}`),
      await request(testApp.server)
        .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`),
    ];

    for (const response of responses) {
      const error = expectGraphError(response, 500, 'generalException');
      expect(error.message).toBe(
        'An unexpected error occurred while processing the request.',
      );
      for (const secret of [
        'SQL',
        'sqlite',
        'role_assignment',
        'no such table',
        'QueryFailed',
        'SELECT',
        'UPDATE',
        '.ts:',
        '.js:',
        '    at ',
      ]) {
        expect(response.text.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      expect(response.headers['retry-after']).toBeUndefined();
    }
    expect(loggedErrors).toHaveLength(2);
    responses.forEach((response, index) => {
      expect(String(loggedErrors[index][0])).toContain(
        response.headers['request-id'],
      );
    });
  });
});
