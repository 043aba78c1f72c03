import { createConnection, type Socket } from 'node:net';
import request from 'supertest';
import {
  aRequest,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  PRODUCTION_AUTH,
  READ_WRITE,
  REGISTERED_API_AUDIENCE,
  userToken,
} from './support/tokens.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = 'd2b1f6a0-1111-4222-8333-944455556666';
const API_CSP = "default-src 'none';frame-ancestors 'none'";
const ALLOWED_ORIGIN = 'https://app.contoso.com';
const BODY_LIMIT = 4096;
const DOCS_CSP_DIRECTIVES = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'connect-src': "'self'",
  'font-src': "'self' data:",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'img-src': "'self' data:",
  'object-src': "'none'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self' 'unsafe-inline'",
};

type Headers = RawResponse['headers'];

/** One call of every kind of response, each returning its status and headers. */
function responsesOf(testApp: TestApp, token = userToken()) {
  const call = (
    method: string,
    urlPath: string,
    options: { token?: string; body?: string } = {},
  ) =>
    rawRequest(testApp.baseUrl, {
      method,
      path: urlPath,
      headers: {
        ...(options.token && { Authorization: `Bearer ${options.token}` }),
        ...(options.body !== undefined && {
          'Content-Type': 'application/json',
        }),
      },
      body: options.body,
    });
  return [
    [
      '200 (get)',
      200,
      async () => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);
        return call('GET', `${REQUESTS_PATH}/${stored.id}`, { token });
      },
    ],
    [
      '204 (cancel)',
      204,
      async () => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);
        return call('POST', `${REQUESTS_PATH}/${stored.id}/cancel`, { token });
      },
    ],
    [
      '400 (Graph error)',
      400,
      () => call('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`, { token }),
    ],
    [
      '401 (no token)',
      401,
      () => call('GET', `${REQUESTS_PATH}/${UNKNOWN_ID}`),
    ],
    ['400 (unknown route)', 400, () => call('GET', '/no/such/route')],
    [
      '405 (wrong method)',
      405,
      () => call('DELETE', `${REQUESTS_PATH}/${UNKNOWN_ID}`, { token }),
    ],
    [
      '413 (body too large)',
      413,
      () =>
        call('POST', `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`, {
          token,
          body: JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT) }),
        }),
    ],
  ] as const;
}

describe('HTTP security', () => {
  describe('security headers (development and test)', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        MAX_REQUEST_BODY_BYTES: String(BODY_LIMIT),
      });
    });
    afterAll(() => testApp.close());

    it('every kind of response carries them, and no X-Powered-By', async () => {
      for (const [name, status, call] of responsesOf(testApp)) {
        const response = await call();
        const headers: Headers & { kind?: string } = {
          ...response.headers,
          kind: name,
        };

        expect(response.status).toBe(status);
        expect(headers).toMatchObject({
          kind: name,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'content-security-policy': API_CSP,
          'referrer-policy': 'no-referrer',
          'cross-origin-resource-policy': 'same-origin',
          'x-permitted-cross-domain-policies': 'none',
        });
        expect(headers['x-powered-by']).toBeUndefined();
        expect(headers['strict-transport-security']).toBeUndefined();
        // The request ids are still there.
        expect(headers['request-id']).toMatch(GUID);
      }
    });

    describe('the Content-Security-Policy of the docs page', () => {
      it('lets swagger-ui load its own scripts, styles, images and the document, over plain http too; the OpenAPI document keeps the API policy', async () => {
        const [page, script, init, document] = await Promise.all(
          [
            '/docs',
            '/docs/swagger-ui-bundle.js',
            '/docs/swagger-ui-init.js',
            '/openapi.json',
          ].map((urlPath) =>
            rawRequest(testApp.baseUrl, { method: 'GET', path: urlPath }),
          ),
        );

        for (const response of [page, script, init]) {
          expect(response.status).toBe(200);
          expect(directivesOf(response.headers)).toEqual(DOCS_CSP_DIRECTIVES);
          expect(response.headers['x-content-type-options']).toBe('nosniff');
          expect(response.headers['x-frame-options']).toBe('DENY');
        }
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        // Nothing inline but styles: every script is a file of this origin.
        expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
        expect(document.status).toBe(200);
        expect(document.headers['content-security-policy']).toBe(API_CSP);
      });

      it('keeps the API policy everywhere else', async () => {
        const response = await rawRequest(testApp.baseUrl, {
          method: 'GET',
          path: '/documents',
        });

        expect(response.headers['content-security-policy']).toBe(API_CSP);
      });
    });
  });

  describe('security headers in production', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        NODE_ENV: 'production',
        ...PRODUCTION_AUTH,
        MAX_REQUEST_BODY_BYTES: String(BODY_LIMIT),
      });
    });
    afterAll(() => testApp.close());

    it('every kind of response also carries Strict-Transport-Security', async () => {
      const token = userToken([READ_WRITE], {
        audience: REGISTERED_API_AUDIENCE,
      });
      for (const [, status, call] of responsesOf(testApp, token)) {
        const response = await call();

        expect(response.status).toBe(status);
        expect(response.headers['strict-transport-security']).toBe(
          'max-age=31536000; includeSubDomains',
        );
        expect(response.headers['content-security-policy']).toBe(API_CSP);
      }
    });
  });

  describe('server timeouts against slow clients', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      });
    });
    afterAll(() => testApp.close());

    it('answers a client that sends its headers too slowly with a 408 Graph error and closes the connection', async () => {
      const socket = await connect(testApp.baseUrl);
      const started = Date.now();
      const closed = untilClosed(socket);
      socket.write(`GET ${REQUESTS_PATH}/${UNKNOWN_ID} HTTP/1.1\r\n`);
      socket.write('Host: localhost\r\n');
      const drip = setInterval(() => {
        if (socket.writable) {
          socket.write('X-Slow: 1\r\n');
        }
      }, 200);

      const { received, closedAt } = await closed.finally(() =>
        clearInterval(drip),
      );

      expect(closedAt - started).toBeGreaterThanOrEqual(900);
      expect(closedAt - started).toBeLessThan(4000);
      expectRawGraphError(received, 408, 'RequestTimeout');
    });

    it('answers a client that sends its body too slowly with a 408 before the handler runs', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      const body = `{}${' '.repeat(98)}`;
      const socket = await connect(testApp.baseUrl);
      const started = Date.now();
      const closed = untilClosed(socket);
      socket.write(
        [
          `POST ${REQUESTS_PATH}/${stored.id}/cancel HTTP/1.1`,
          'Host: localhost',
          `Authorization: Bearer ${userToken()}`,
          'Content-Type: application/json',
          `Content-Length: ${body.length}`,
          '',
          '',
        ].join('\r\n'),
      );
      let sent = 0;
      const drip = setInterval(() => {
        if (socket.writable && sent < body.length) {
          socket.write(body[sent]);
          sent += 1;
        }
      }, 200);

      const { received, closedAt } = await closed.finally(() =>
        clearInterval(drip),
      );

      expect(closedAt - started).toBeGreaterThanOrEqual(1900);
      expect(closedAt - started).toBeLessThan(5000);
      expect(sent).toBeLessThan(body.length);
      expectRawGraphError(received, 408, 'RequestTimeout');
      const after = await findStoredRequest(testApp.dataSource, stored.id);
      expect(after.subStatus).toBe('PendingApproval');
    });

    it('closes an idle keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', async () => {
      const socket = await connect(testApp.baseUrl);
      const closed = untilClosed(socket);
      let answeredAt = 0;
      socket.once('data', () => {
        answeredAt = Date.now();
      });
      socket.write(
        `GET ${REQUESTS_PATH}/${UNKNOWN_ID} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`,
      );

      const { received, closedAt } = await closed;

      // One answer, and no 408 for the idle time (Node.js adds one second to the timeout).
      expect(received).toMatch(/^HTTP\/1\.1 401 /);
      expect(received.match(/HTTP\/1\.1 /g)).toHaveLength(1);
      expect(closedAt - answeredAt).toBeGreaterThanOrEqual(800);
      expect(closedAt - answeredAt).toBeLessThan(3500);
    });

    it('still serves a normal request at once', async () => {
      const started = Date.now();

      const response = await request(testApp.server)
        .get(`${REQUESTS_PATH}/${UNKNOWN_ID}`)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(900);
    });

    it('answers a request Node.js cannot parse with a 400 Graph error', async () => {
      const socket = await connect(testApp.baseUrl);
      const closed = untilClosed(socket);
      socket.write('NOT HTTP AT ALL\r\n\r\n');

      const { received } = await closed;

      expectRawGraphError(received, 400, 'BadRequest');
    });

    it('answers headers over the size limit with a 431 Graph error', async () => {
      const socket = await connect(testApp.baseUrl);
      const closed = untilClosed(socket);
      socket.write(
        `GET ${REQUESTS_PATH}/${UNKNOWN_ID} HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );

      const { received } = await closed;

      expectRawGraphError(received, 431, 'RequestHeaderFieldsTooLarge');
    });
  });

  describe('CORS off (no CORS_ORIGINS)', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(() => testApp.close());

    it('gives a preflight no Access-Control-Allow-Origin', async () => {
      const response = await preflight(testApp, ALLOWED_ORIGIN);

      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-methods']).toBeUndefined();
      // The preflight is an OPTIONS request like any other: a Graph error.
      expect(response.status).toBe(405);
      expect(JSON.parse(response.text).error.code).toBe('MethodNotAllowed');
    });

    it('gives a cross-origin GET no Access-Control-Allow-Origin', async () => {
      const response = await crossOriginGet(testApp, ALLOWED_ORIGIN);

      expect(response.status).toBe(400);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-expose-headers']).toBeUndefined();
    });
  });

  describe('CORS on (CORS_ORIGINS)', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        CORS_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:5173`,
      });
    });
    afterAll(() => testApp.close());

    it('answers the preflight of an allowed origin', async () => {
      const response = await preflight(testApp, ALLOWED_ORIGIN);

      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(
        ALLOWED_ORIGIN,
      );
      expect(listOf(response.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post']),
      );
      expect(listOf(response.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining([
          'authorization',
          'content-type',
          'client-request-id',
        ]),
      );
      expect(response.headers['access-control-max-age']).toBe('600');
      expect(response.headers['access-control-allow-credentials']).toBe(
        undefined,
      );
      expect(listOf(response.headers.vary)).toContain('origin');
    });

    it('lets an allowed origin read responses, errors included, and their request ids', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);
      const responses = [
        await crossOriginGet(testApp, ALLOWED_ORIGIN, stored.id),
        await crossOriginGet(testApp, 'http://localhost:5173'),
        await rawRequest(testApp.baseUrl, {
          method: 'GET',
          path: `${REQUESTS_PATH}/${UNKNOWN_ID}`,
          headers: { Origin: ALLOWED_ORIGIN },
        }),
      ];

      expect(responses.map((response) => response.status)).toEqual([
        200, 400, 401,
      ]);
      for (const response of responses) {
        expect(response.headers['access-control-allow-origin']).toMatch(
          /^(https:\/\/app\.contoso\.com|http:\/\/localhost:5173)$/,
        );
        expect(
          listOf(response.headers['access-control-expose-headers']),
        ).toEqual(
          expect.arrayContaining([
            'request-id',
            'client-request-id',
            'retry-after',
          ]),
        );
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('gives an origin not listed no CORS headers', async () => {
      const answers = [
        await preflight(testApp, 'https://evil.example'),
        await crossOriginGet(testApp, 'https://evil.example'),
      ];

      for (const response of answers) {
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(
          response.headers['access-control-allow-methods'],
        ).toBeUndefined();
      }
      expect(answers[0].status).toBe(405);
    });
  });
});

function preflight(testApp: TestApp, origin: string): Promise<RawResponse> {
  return rawRequest(testApp.baseUrl, {
    method: 'OPTIONS',
    path: `${REQUESTS_PATH}/${UNKNOWN_ID}/cancel`,
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers':
        'authorization,content-type,client-request-id',
    },
  });
}

function crossOriginGet(
  testApp: TestApp,
  origin: string,
  id = UNKNOWN_ID,
): Promise<RawResponse> {
  return rawRequest(testApp.baseUrl, {
    method: 'GET',
    path: `${REQUESTS_PATH}/${id}`,
    headers: { Origin: origin, Authorization: `Bearer ${userToken()}` },
  });
}

/** The Content-Security-Policy header as directive name → sources. */
function directivesOf(headers: Headers): Record<string, string> {
  return Object.fromEntries(
    String(headers['content-security-policy'])
      .split(';')
      .map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

/** A comma-separated header as lower-case items. */
function listOf(value: string | string[] | undefined): string[] {
  return String(value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

function connect(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = createConnection(
      { host: hostname, port: Number(port) },
      () => resolve(socket),
    );
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection; fails after 10 s. */
function untilClosed(
  socket: Socket,
): Promise<{ received: string; closedAt: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const watchdog = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open for 10 s'));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Writes racing the server's close fail with EPIPE / ECONNRESET: what is received counts.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(watchdog);
      resolve({
        received: Buffer.concat(chunks).toString('utf8'),
        closedAt: Date.now(),
      });
    });
  });
}

function expectRawGraphError(
  received: string,
  status: number,
  code: string,
): void {
  const [head, body] = received.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  expect(statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  expect(headers['content-type']).toBe('application/json; charset=utf-8');
  expect(headers['request-id']).toMatch(GUID);
  expect(JSON.parse(body)).toEqual({
    error: {
      code,
      message: expect.any(String),
      innerError: {
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        'request-id': headers['request-id'],
        'client-request-id': headers['client-request-id'],
      },
    },
  });
}
