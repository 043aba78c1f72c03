import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { RoleSettingEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting.entity.js';
import { ROLE_SETTING, tenantAFixture } from './support/pim-fixture.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { TENANT_A, userToken } from './support/tokens.js';

const ROLE_SETTINGS_PATH = '/beta/privilegedAccess/azureResources/roleSettings';
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const TOO_LARGE = `The request body is larger than the limit of ${DEFAULT_BODY_LIMIT} bytes.`;
const NOT_JSON =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
const NO_BODY_ALLOWED = 'This request does not accept a request body.';
// Refused as it is read, before any route sees it.
const TOO_DEEP = 'The JSON request payload is nested deeper than 32 levels.';

/** `[[…]]`, `levels` arrays deep. */
const nestedArrays = (levels: number) =>
  `${'['.repeat(levels)}${']'.repeat(levels)}`;
/** `{"a":{"a":…1}}`, `levels` objects deep. */
const nestedObjects = (levels: number) =>
  `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Deep bodies, each with what create answers and what cancel answers (both 400 BadRequest). */
const DEEP_BODIES = [10_000, 100_000].flatMap((levels) => [
  [`${levels} nested arrays`, nestedArrays(levels), TOO_DEEP, TOO_DEEP],
  [`${levels} nested objects`, nestedObjects(levels), TOO_DEEP, TOO_DEEP],
  [
    `a property holding ${levels} nested arrays`,
    `{"reason":${nestedArrays(levels)}}`,
    TOO_DEEP,
    TOO_DEEP,
  ],
  [`${levels} unclosed brackets`, '['.repeat(levels), NOT_JSON, NOT_JSON],
  [`${levels} unclosed braces`, '{"a":'.repeat(levels), NOT_JSON, NOT_JSON],
]);

describe('request bodies: too large or too deeply nested', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([tenantAFixture()]);
  });
  afterAll(() => testApp.close());

  function send(
    method: string,
    urlPath: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    return rawRequest(testApp.baseUrl, {
      method,
      path: urlPath,
      headers: {
        Authorization: `Bearer ${userToken()}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body,
    });
  }

  function expectGraphError(
    response: RawResponse,
    status: number,
    code: string,
    message: string,
  ): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(JSON.parse(response.text)).toEqual({
      error: {
        code,
        message,
        innerError: {
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          'request-id': response.headers['request-id'],
          'client-request-id': response.headers['client-request-id'],
        },
      },
    });
  }

  function countRequests(): Promise<number> {
    return testApp.dataSource
      .getRepository(RoleAssignmentRequestEntity)
      .count();
  }

  /** A pending request, and a check that whatever happened after left it and the table alone. */
  async function pendingRequest(): Promise<{
    id: string;
    unchanged: () => Promise<void>;
  }> {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);
    const before = await findStoredRequest(testApp.dataSource, stored.id);
    const rows = await countRequests();
    return {
      id: stored.id,
      unchanged: async () => {
        expect(await findStoredRequest(testApp.dataSource, stored.id)).toEqual(
          before,
        );
        expect(await auditEventsOf(testApp.dataSource, stored.id)).toEqual([]);
        expect(await countRequests()).toBe(rows);
      },
    };
  }

  /** The server still serves: a GET of the request answers 200 with it. */
  async function expectStillServing(id: string): Promise<void> {
    const response = await rawRequest(testApp.baseUrl, {
      method: 'GET',
      path: `${REQUESTS_PATH}/${id}`,
      headers: { Authorization: `Bearer ${userToken()}` },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ id });
  }

  describe('over MAX_REQUEST_BODY_BYTES: 413 RequestEntityTooLarge', () => {
    const tooLarge = JSON.stringify({ reason: 'x'.repeat(DEFAULT_BODY_LIMIT) });

    it('the limit is 1 MiB unless configured', () => {
      expect(testApp.config.maxRequestBodyBytes).toBe(DEFAULT_BODY_LIMIT);
    });

    it.each([
      ['with a Content-Length', {}],
      [
        'sent in chunks, without a Content-Length',
        { 'Transfer-Encoding': 'chunked' },
      ],
    ])('on create, %s: nothing is created', async (_case, headers) => {
      const { id, unchanged } = await pendingRequest();

      const response = await send('POST', REQUESTS_PATH, tooLarge, headers);

      expectGraphError(response, 413, 'RequestEntityTooLarge', TOO_LARGE);
      await unchanged();
      await expectStillServing(id);
    });

    it.each([
      ['with a Content-Length', {}],
      [
        'sent in chunks, without a Content-Length',
        { 'Transfer-Encoding': 'chunked' },
      ],
    ])('on cancel, %s: the request stays pending', async (_case, headers) => {
      const { id, unchanged } = await pendingRequest();

      const response = await send(
        'POST',
        `${REQUESTS_PATH}/${id}/cancel`,
        tooLarge,
        headers,
      );

      expectGraphError(response, 413, 'RequestEntityTooLarge', TOO_LARGE);
      await unchanged();
      await expectStillServing(id);
    });

    it('a body of exactly the limit is read, and judged by what it says', async () => {
      const { id, unchanged } = await pendingRequest();
      const padding = DEFAULT_BODY_LIMIT - '{"reason":""}'.length;
      const atLimit = JSON.stringify({ reason: 'x'.repeat(padding) });
      expect(Buffer.byteLength(atLimit)).toBe(DEFAULT_BODY_LIMIT);

      const response = await send(
        'POST',
        `${REQUESTS_PATH}/${id}/cancel`,
        atLimit,
      );

      expectGraphError(response, 400, 'BadRequest', NO_BODY_ALLOWED);
      await unchanged();
    });
  });

  describe('deeply nested JSON: 400 BadRequest, and the server keeps serving', () => {
    it.each(DEEP_BODIES)(
      'on create, %s',
      async (_case, body, createMessage) => {
        const { id, unchanged } = await pendingRequest();

        const response = await send('POST', REQUESTS_PATH, body);

        expectGraphError(response, 400, 'BadRequest', createMessage);
        await unchanged();
        await expectStillServing(id);
      },
    );

    it.each(DEEP_BODIES)(
      'on cancel, %s',
      async (_case, body, _createMessage, cancelMessage) => {
        const { id, unchanged } = await pendingRequest();

        const response = await send(
          'POST',
          `${REQUESTS_PATH}/${id}/cancel`,
          body,
        );

        expectGraphError(response, 400, 'BadRequest', cancelMessage);
        await unchanged();
        await expectStillServing(id);
      },
    );

    it('in a role setting rule, whose setting is JSON in a string: 400 InvalidRoleSetting, nothing changed', async () => {
      const settings = testApp.dataSource.getRepository(RoleSettingEntity);
      const before = await settings.findOneByOrFail({
        tenantId: TENANT_A,
        id: ROLE_SETTING(1),
      });
      const body = JSON.stringify({
        userMemberSettings: [
          // Within the 16 KB a setting may have.
          {
            ruleIdentifier: 'MfaRule',
            setting: `{"mfaRequired":true,"a":${nestedArrays(8_000)}}`,
          },
        ],
      });

      const response = await send(
        'PATCH',
        `${ROLE_SETTINGS_PATH}/${ROLE_SETTING(1)}`,
        body,
      );

      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).error).toMatchObject({
        code: 'InvalidRoleSetting',
        message:
          'The role setting is not valid: userMemberSettings[0].setting: is nested more than 32 levels deep.',
      });
      expect(
        await settings.findOneByOrFail({
          tenantId: TENANT_A,
          id: ROLE_SETTING(1),
        }),
      ).toEqual(before);
    });
  });
});
