// Before the app: `$batch` runs its requests through `inject` (see the module).
import './support/fastify-inject.js';
import {
  BatchRequestContent,
  BatchResponseContent,
  type BatchResponseBody,
  type Client,
} from '@microsoft/microsoft-graph-client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import { EMPTY, INVALID_AUDIENCE } from './support/auth-errors.js';
import { graphSdks } from './support/graph-sdks.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  APP_A,
  appToken,
  armUserToken,
  READ,
  READ_WRITE,
  USER_A,
  userToken,
} from './support/tokens.js';

/**
 * Graph's JSON batching, `POST /beta/$batch`: each request of a batch runs through the whole
 * application as the caller of the batch, and answers on its own.
 */

const BATCH_PATH = '/beta/$batch';
/** The requests' collection, as a request of a batch addresses it: relative to the version. */
const REQUESTS = '/privilegedAccess/azureResources/roleAssignmentRequests';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface StepResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: {
    id?: string;
    value?: { id: string }[];
    error?: { code: string; message: string; innerError: object };
  };
}

describe('POST /beta/$batch', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  /** The batch sent with the token given, or none for `null`. */
  function batch(body: unknown, token: string | null = userToken()) {
    const call = request(testApp.server).post(BATCH_PATH);
    if (token !== null) {
      call.set('Authorization', `Bearer ${token}`);
    }
    return typeof body === 'string'
      ? call.set('Content-Type', 'application/json').send(body)
      : call.send(body as object);
  }

  async function responsesOf(
    body: unknown,
    token?: string,
  ): Promise<StepResponse[]> {
    const response = await batch(body, token);
    expect(response.status).toBe(200);
    return (response.body as { responses: StepResponse[] }).responses;
  }

  async function pendingRequest(): Promise<string> {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    return stored.id;
  }

  const cancelStep = (id: string, requestId: string) => ({
    id,
    method: 'POST',
    url: `${REQUESTS}/${requestId}/cancel`,
  });

  const getStep = (id: string, requestId: string) => ({
    id,
    method: 'GET',
    url: `${REQUESTS}/${requestId}`,
  });

  it('answers a list, a read and a cancel, each with its own status, headers and body', async () => {
    const [listed, read] = [await pendingRequest(), await pendingRequest()];

    const response = await batch({
      requests: [
        {
          id: '1',
          method: 'GET',
          url: `${REQUESTS}?$filter=id%20eq%20'${listed}'`,
        },
        // Without its leading slash, as Graph takes it too.
        { id: '2', method: 'get', url: `${REQUESTS.slice(1)}/${read}` },
        cancelStep('3', listed),
      ],
    }).set('client-request-id', 'my-batch');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['request-id']).toMatch(GUID);
    expect(response.headers['client-request-id']).toBe('my-batch');
    const [list, get, cancel] = (response.body as { responses: StepResponse[] })
      .responses;
    expect(list).toMatchObject({
      id: '1',
      status: 200,
      headers: {
        'Content-Type': expect.stringMatching(/^application\/json/),
        'request-id': expect.stringMatching(GUID),
        'client-request-id': 'my-batch',
      },
      body: {
        '@odata.context': expect.stringContaining(
          '$metadata#governanceRoleAssignmentRequests',
        ),
        value: [
          {
            id: listed,
            status: expect.objectContaining({ subStatus: 'PendingApproval' }),
          },
        ],
      },
    });
    expect(list.headers['request-id']).not.toBe(response.headers['request-id']);
    expect(get).toMatchObject({ id: '2', status: 200, body: { id: read } });
    expect(cancel).toEqual({
      id: '3',
      status: 204,
      headers: {
        'request-id': expect.stringMatching(GUID),
        'client-request-id': 'my-batch',
      },
    });
    expect(await findStoredRequest(testApp.dataSource, listed)).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
    expect(await findStoredRequest(testApp.dataSource, read)).toMatchObject({
      status: 'InProgress',
      subStatus: 'PendingApproval',
    });
  });

  it('answers a request that fails with its own Graph error, and runs the others', async () => {
    const pending = await pendingRequest();

    const [unknown, nowhere, invalidBody, cancel] = await responsesOf({
      requests: [
        getStep('unknown', randomUUID()),
        {
          id: 'nowhere',
          method: 'GET',
          url: '/privilegedAccess/azureResources/nowhere',
        },
        {
          id: 'invalid',
          method: 'POST',
          url: REQUESTS,
          headers: { 'Content-Type': 'application/json' },
          body: { reason: 42 },
        },
        cancelStep('cancel', pending),
      ],
    });

    expect(unknown).toMatchObject({
      id: 'unknown',
      status: 400,
      headers: { 'Content-Type': expect.stringMatching(/^application\/json/) },
      body: {
        error: {
          code: 'RoleAssignmentRequestNotFound',
          innerError: { 'request-id': expect.stringMatching(GUID) },
        },
      },
    });
    expect(nowhere).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: "Resource not found for the segment 'nowhere'.",
        },
      },
    });
    expect(invalidBody).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest' } },
    });
    expect(invalidBody.body!.error!.message).toContain('reason');
    expect(cancel).toMatchObject({ id: 'cancel', status: 204 });
    expect(await findStoredRequest(testApp.dataSource, pending)).toMatchObject({
      subStatus: 'Canceled',
    });
  });

  it('answers 424 for a request whose dependency failed, without running it', async () => {
    const [first, second] = [await pendingRequest(), await pendingRequest()];

    const responses = await responsesOf({
      requests: [
        getStep('1', randomUUID()),
        { ...cancelStep('2', first), dependsOn: ['1'] },
        { ...getStep('3', first), dependsOn: ['2'] },
        getStep('4', second),
        // Ids are compared without regard to letter case.
        { ...cancelStep('ok', second), dependsOn: ['4'] },
        { ...getStep('after', second), dependsOn: ['OK'] },
      ],
    });

    expect(responses.map(({ id, status }) => [id, status])).toEqual([
      ['1', 400],
      ['2', 424],
      ['3', 424],
      ['4', 200],
      ['ok', 204],
      ['after', 200],
    ]);
    expect(responses[1]).toMatchObject({
      headers: { 'Content-Type': 'application/json' },
      body: {
        error: {
          code: 'FailedDependency',
          message:
            "The request was not run: the request '1' it depends on failed.",
          innerError: {
            date: expect.any(String),
            'request-id': expect.stringMatching(GUID),
            'client-request-id': expect.any(String),
          },
        },
      },
    });
    expect(responses[2].body!.error!.message).toContain("request '2'");
    expect(await findStoredRequest(testApp.dataSource, first)).toMatchObject({
      subStatus: 'PendingApproval',
    });
    expect(await findStoredRequest(testApp.dataSource, second)).toMatchObject({
      subStatus: 'Canceled',
    });
  });

  describe("the caller's token, on every request", () => {
    it('runs a request as the caller of the batch, whatever Authorization header it carries', async () => {
      const pending = await pendingRequest();

      const [cancel, garbage] = await responsesOf({
        requests: [
          {
            ...cancelStep('1', pending),
            headers: { Authorization: `Bearer ${appToken([READ_WRITE])}` },
          },
          {
            ...getStep('2', pending),
            headers: { authorization: 'Bearer not-a-token' },
          },
        ],
      });

      expect(cancel.status).toBe(204);
      expect(garbage.status).toBe(200);
      const [audit] = await auditEventsOf(testApp.dataSource, pending);
      expect(audit).toMatchObject({ actorId: USER_A, actorType: 'User' });
      expect(audit.actorId).not.toBe(APP_A);
    });

    it('answers 403 in each request for a caller without its permission, even when the request carries a token with it', async () => {
      const pending = await pendingRequest();

      const responses = await responsesOf(
        {
          requests: [
            getStep('1', pending),
            {
              ...cancelStep('2', pending),
              headers: { Authorization: `Bearer ${userToken([READ_WRITE])}` },
            },
          ],
        },
        userToken([READ]),
      );

      for (const response of responses) {
        expect(response).toMatchObject({
          status: 403,
          body: { error: { code: 'UnauthorizedAccessException' } },
        });
      }
      expect(
        await findStoredRequest(testApp.dataSource, pending),
      ).toMatchObject({ subStatus: 'PendingApproval' });
    });

    it('answers 401 without a token, as any route, and runs nothing', async () => {
      const pending = await pendingRequest();

      const response = await batch(
        { requests: [cancelStep('1', pending)] },
        null,
      );

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        error: { code: EMPTY.code, message: EMPTY.message },
      });
      expect(response.headers['request-id']).toMatch(GUID);
      expect(
        await findStoredRequest(testApp.dataSource, pending),
      ).toMatchObject({ subStatus: 'PendingApproval' });
    });

    it('answers 401 to a Resource Manager token', async () => {
      const response = await batch(
        { requests: [getStep('1', randomUUID())] },
        armUserToken(),
      );

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({
        error: {
          code: INVALID_AUDIENCE.code,
          message: INVALID_AUDIENCE.message,
        },
      });
    });
  });

  it.each([
    ['$batch', '/$batch'],
    ['$batch without its slash', '$batch'],
    ['$batch percent-encoded', '/%24batch?x=1'],
  ])('refuses a nested batch (%s) in its request only', async (_case, url) => {
    const [nested, other] = await responsesOf({
      requests: [
        {
          id: '1',
          method: 'POST',
          url,
          headers: { 'Content-Type': 'application/json' },
          body: { requests: [getStep('inner', randomUUID())] },
        },
        getStep('2', randomUUID()),
      ],
    });

    expect(nested).toMatchObject({
      id: '1',
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: {
        error: {
          code: 'BadRequest',
          message: 'A request in a batch cannot be a $batch request.',
        },
      },
    });
    expect(other).toMatchObject({
      status: 400,
      body: { error: { code: 'RoleAssignmentRequestNotFound' } },
    });
  });

  it.each([
    ['an absolute url', `https://graph.microsoft.com/beta${REQUESTS}`],
    ['a url without scheme', `//graph.microsoft.com/beta${REQUESTS}`],
    ['a url leaving the version', '/../_emulator/requests'],
    ['a url leaving it percent-encoded', '/%2E%2E/health/live'],
  ])('refuses %s in its request only', async (_case, url) => {
    const [refused] = await responsesOf({
      requests: [{ id: '1', method: 'GET', url }],
    });

    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest' } },
    });
    expect(refused.body!.error!.message).toContain('must be relative');
  });

  it('answers a url of another version as Graph does: a segment not found', async () => {
    const [other] = await responsesOf({
      requests: [{ id: '1', method: 'GET', url: `/v1.0${REQUESTS}` }],
    });

    expect(other).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: "Resource not found for the segment 'v1.0'.",
        },
      },
    });
  });

  describe('a batch of the wrong shape: 400 BadRequest for the whole batch', () => {
    const get = (id: string) => getStep(id, randomUUID());

    it.each<[string, unknown, string]>([
      ['a body that is not JSON', '{"requests": [', 'Unable to read JSON'],
      ['no requests', {}, 'requests'],
      ['requests that are not an array', { requests: get('1') }, 'requests'],
      ['no request at all', { requests: [] }, 'requests'],
      [
        'more than 20 requests',
        {
          requests: Array.from({ length: 21 }, (_, n) => get(String(n))),
        },
        'no more than 20',
      ],
      [
        'two requests of one id, letter case aside',
        { requests: [get('a'), get('A')] },
        "the id 'A' is used by more than one request",
      ],
      [
        'a request without id',
        { requests: [{ method: 'GET', url: REQUESTS }] },
        'requests[0].id',
      ],
      [
        'a request without method',
        { requests: [{ id: '1', url: REQUESTS }] },
        'requests[0].method',
      ],
      [
        'a request of an unknown method',
        { requests: [{ id: '1', method: 'FETCH', url: REQUESTS }] },
        'requests[0].method',
      ],
      [
        'a request without url',
        { requests: [{ id: '1', method: 'GET' }] },
        'requests[0].url',
      ],
      [
        'a dependency on an unknown id',
        { requests: [get('1'), { ...get('2'), dependsOn: ['9'] }] },
        "the request '2' depends on '9'",
      ],
      [
        'a dependency on a later request',
        { requests: [{ ...get('1'), dependsOn: ['2'] }, get('2')] },
        "the request '1' depends on '2'",
      ],
      [
        'a JSON body that is not an object',
        {
          requests: [
            {
              ...cancelStep('1', randomUUID()),
              headers: { 'Content-Type': 'application/json' },
              body: '{}',
            },
          ],
        },
        'must be a JSON object',
      ],
      [
        'a JSON body that is an array',
        {
          requests: [
            {
              ...cancelStep('1', randomUUID()),
              headers: { 'content-type': 'application/json; charset=utf-8' },
              body: [],
            },
          ],
        },
        'must be a JSON object',
      ],
      [
        'a body without Content-Type',
        { requests: [{ ...cancelStep('1', randomUUID()), body: {} }] },
        'no Content-Type header',
      ],
      [
        'a header whose value is not text',
        { requests: [{ ...get('1'), headers: { 'x-count': 3 } }] },
        "the header 'x-count'",
      ],
    ])('refuses %s', async (_case, body, named) => {
      const response = await batch(body);

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        error: {
          code: 'BadRequest',
          message: expect.stringContaining(named),
          innerError: {
            date: expect.any(String),
            'request-id': response.headers['request-id'],
            'client-request-id': response.headers['client-request-id'],
          },
        },
      });
    });

    it('runs none of its requests', async () => {
      const pending = await pendingRequest();

      const response = await batch({
        requests: [cancelStep('1', pending), get('1')],
      });

      expect(response.status).toBe(400);
      expect(
        await findStoredRequest(testApp.dataSource, pending),
      ).toMatchObject({ subStatus: 'PendingApproval' });
    });
  });

  it('is in the OpenAPI document, with its Graph errors', async () => {
    const document = (await request(testApp.server).get('/openapi.json'))
      .body as {
      paths: Record<
        string,
        { post?: { responses: Record<string, unknown>; description: string } }
      >;
    };

    const operation = document.paths[BATCH_PATH]?.post;
    expect(operation).toBeDefined();
    expect(Object.keys(operation!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401']),
    );
    expect(operation!.description).toContain(
      'Any Microsoft Graph token, whatever its permissions',
    );
  });
});

describe('POST /beta/$batch from the Graph JS client (BatchRequestContent, BatchResponseContent)', () => {
  let testApp: TestApp;
  let graphClient: Client;

  // Over HTTPS, as test/graph-sdks.e2e-spec.ts: the client sends its token to https hosts only.
  beforeAll(async () => {
    const certificate = await writeDevelopmentCertificate(
      mkdtempSync(path.join(tmpdir(), 'pim-batch-')),
    );
    testApp = await startTestApp({
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
    });
    graphClient = graphSdks(
      testApp.baseUrl,
      () => userToken(),
      readFileSync(certificate.certFile, 'utf8'),
    ).graphClient;
  });
  afterAll(() => testApp.close());

  it('sends a batch and reads each response', async () => {
    const [read, cancelled] = [aRequest(), aRequest()];
    await storeRequests(testApp.dataSource, read, cancelled);
    // The client keeps a url's path as it is, version included: so it is given none.
    const step = (id: string, path: string, init?: RequestInit) => ({
      id,
      request: new Request(`${testApp.baseUrl}${REQUESTS}${path}`, init),
    });
    const content = new BatchRequestContent([
      step('read', `/${read.id}`),
      step('cancel', `/${cancelled.id}/cancel`, { method: 'POST' }),
      step('unknown', `/${randomUUID()}`),
    ]);

    const answer = new BatchResponseContent(
      (await graphClient
        .api('/$batch')
        .post(await content.getContent())) as BatchResponseBody,
    );

    const readResponse = answer.getResponseById('read');
    expect(readResponse.status).toBe(200);
    expect(await readResponse.json()).toMatchObject({ id: read.id });
    expect(answer.getResponseById('cancel').status).toBe(204);
    const unknownResponse = answer.getResponseById('unknown');
    expect(unknownResponse.status).toBe(400);
    expect(await unknownResponse.json()).toMatchObject({
      error: { code: 'RoleAssignmentRequestNotFound' },
    });
    expect(
      await findStoredRequest(testApp.dataSource, cancelled.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'Canceled' });
  });
});

describe('POST /beta/$batch under throttling', () => {
  const LIMIT = 2;
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      THROTTLE_LIMIT: String(LIMIT),
      THROTTLE_WINDOW_SECONDS: '600',
    });
  });
  afterAll(() => testApp.close());

  it("counts each request against the caller's limit: past it, the request answers 429 with Retry-After", async () => {
    const token = userToken(undefined, { objectId: randomUUID() });

    const response = await request(testApp.server)
      .post(BATCH_PATH)
      .set('Authorization', `Bearer ${token}`)
      .send({
        requests: ['1', '2'].map((id) => ({
          id,
          method: 'GET',
          url: `${REQUESTS}/${randomUUID()}`,
        })),
      });

    // The batch itself is the first call, its first request the second.
    expect(response.status).toBe(200);
    const [first, second] = (response.body as { responses: StepResponse[] })
      .responses;
    expect(first.status).toBe(400);
    expect(second).toMatchObject({
      status: 429,
      headers: { 'Retry-After': expect.stringMatching(/^\d+$/) },
      body: { error: { code: 'TooManyRequests' } },
    });
  });
});
