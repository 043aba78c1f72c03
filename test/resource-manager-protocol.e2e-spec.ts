import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { REQUESTS_PATH } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { mintDevelopmentToken } from '../src/auth/development-token.js';
import {
  armUserToken,
  RESOURCE_MANAGER_AUDIENCE,
  TEST_JWT_SECRET,
  TENANT_A,
  USER_A,
  userToken,
} from './support/tokens.js';

const SCOPE = `/subscriptions/${randomUUID()}`;
const REQUESTS = `${SCOPE}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests`;

/**
 * ARM's conventions on every Resource Manager route, whatever the route does: its envelope, its
 * api-version, its tokens and its headers. Graph's routes keep Graph's.
 */
describe('the Resource Manager protocol', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const get = (path: string, token: string | null = armUserToken()) => {
    const call = request(testApp.server).get(path);
    return token === null ? call : call.set('Authorization', `Bearer ${token}`);
  };

  it('without an api-version: 400 MissingApiVersionParameter, in ARM’s envelope and headers', async () => {
    const response = await get(REQUESTS);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'MissingApiVersionParameter',
        message:
          'The api-version query parameter (?api-version=) is required for all requests.',
      },
    });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('with an api-version the route does not serve: 400 InvalidApiVersionParameter naming the ones it does', async () => {
    const response = await get(`${REQUESTS}?api-version=2015-07-01`);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'InvalidApiVersionParameter',
        message:
          "The api-version '2015-07-01' is invalid. The supported versions are '2020-10-01'.",
      },
    });
  });

  it('the parameter’s name is case-insensitive, as ARM’s', async () => {
    const response = await get(`${REQUESTS}?API-VERSION=2015-07-01`);

    expect(response.body.error.code).toBe('InvalidApiVersionParameter');
  });

  it('a resource type the service does not serve: 404 InvalidResourceType', async () => {
    const response = await get(
      `${SCOPE}/providers/Microsoft.Authorization/roleWidgets?api-version=2020-10-01`,
    );

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: {
        code: 'InvalidResourceType',
        message:
          "The resource type 'roleWidgets' could not be found in the namespace 'Microsoft.Authorization' for api version '2020-10-01'.",
      },
    });
  });

  it('without a token: 401 AuthenticationFailed, before the api-version is looked at', async () => {
    const response = await get(REQUESTS, null);

    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: {
        code: 'AuthenticationFailed',
        message:
          "Authentication failed. The 'Authorization' header is missing.",
      },
    });
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token"',
    );
  });

  it('a Graph token on a Resource Manager route: 401 InvalidAuthenticationTokenAudience', async () => {
    const response = await get(
      `${REQUESTS}?api-version=2020-10-01`,
      userToken(),
    );

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('InvalidAuthenticationTokenAudience');
    expect(response.body.error.message).toContain(RESOURCE_MANAGER_AUDIENCE);
  });

  it('a Resource Manager token on a Graph route: Graph’s 401 for a wrong audience', async () => {
    const response = await get(`${REQUESTS_PATH}`, armUserToken());

    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token validation failure. Invalid audience.',
    });
  });

  it('either Resource Manager audience is accepted, and an application token needs no roles', async () => {
    const app = mintDevelopmentToken(
      {
        tenantId: TENANT_A,
        applicationId: randomUUID(),
        objectId: USER_A,
        audience: 'https://management.core.windows.net/',
      },
      TEST_JWT_SECRET,
    );

    const response = await get(`${REQUESTS}?api-version=2020-10-01`, app);

    // Past authentication: the scope is the next thing it does not find.
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SubscriptionNotFound');
  });

  it('an expired token: 401 ExpiredAuthenticationToken', async () => {
    const expired = armUserToken(USER_A, { expiresInSeconds: -3600 });

    const response = await get(`${REQUESTS}?api-version=2020-10-01`, expired);

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('ExpiredAuthenticationToken');
  });

  it('echoes the client’s correlation id, and its request id when asked to', async () => {
    const response = await get(`${REQUESTS}?api-version=2020-10-01`)
      .set('x-ms-correlation-request-id', 'correlation-1')
      .set('x-ms-client-request-id', 'client-1')
      .set('x-ms-return-client-request-id', 'true');

    expect(response.headers['x-ms-correlation-request-id']).toBe(
      'correlation-1',
    );
    expect(response.headers['x-ms-client-request-id']).toBe('client-1');
  });

  it('a Graph route keeps Graph’s ids and envelope', async () => {
    const response = await get(REQUESTS_PATH, null);

    expect(response.headers['request-id']).toBeDefined();
    expect(response.headers['x-ms-request-id']).toBeUndefined();
    expect(response.body.error.innerError).toBeDefined();
  });
});
