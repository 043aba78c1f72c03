import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { INVALID_AUDIENCE, INVALID_ISSUER } from './support/auth-errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  armUserToken,
  GRAPH_AUDIENCE,
  PRODUCTION_AUTH,
  READ_WRITE,
  REGISTERED_API_AUDIENCE,
  RESOURCE_MANAGER_AUDIENCE,
  TENANT_A,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const RESOURCES = '/beta/privilegedAccess/azureResources/resources';
const ARM_REQUESTS = `/subscriptions/${randomUUID()}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests?api-version=2020-10-01`;
/** The Application ID URI of a second registered API, for the Resource Manager routes. */
const REGISTERED_ARM_AUDIENCE = 'api://6f1f5d3c-0000-4000-8000-0000000000ae';

const V1_ISSUER = (tenant: string) => `https://sts.windows.net/${tenant}/`;
const V2_ISSUER = (tenant: string) =>
  `https://login.microsoftonline.com/${tenant}/v2.0`;

/**
 * A production deployment as docs/deployment.md sets it up for Entra ID: its own registered
 * APIs as audiences and an allow-list of tenants, so that only tokens Entra ID issued for this
 * service, to those tenants, get in.
 */
describe('production authentication with AUTH_ALLOWED_TENANTS', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      NODE_ENV: 'production',
      ...PRODUCTION_AUTH,
      AUTH_ALLOWED_TENANTS: TENANT_A,
      AUTH_RESOURCE_MANAGER_AUDIENCE: REGISTERED_ARM_AUDIENCE,
    });
  });
  afterAll(() => testApp.close());

  const get = (path: string, token: string) =>
    request(testApp.server).get(path).set('Authorization', `Bearer ${token}`);

  const graphToken = (tenantId: string, issuer: string) =>
    userToken([READ_WRITE], {
      audience: REGISTERED_API_AUDIENCE,
      tenantId,
      issuer,
    });

  function expectGraphRefusal(
    response: request.Response,
    expected: { status: number; code: string; message: string },
  ): void {
    expect(response.status).toBe(expected.status);
    expect(response.body.error).toMatchObject({
      code: expected.code,
      message: expected.message,
    });
  }

  it.each([
    ['v1', V1_ISSUER(TENANT_A)],
    ['v2', V2_ISSUER(TENANT_A)],
  ])(
    "accepts an allowed tenant's %s token for the registered API",
    async (_version, issuer) => {
      const response = await get(RESOURCES, graphToken(TENANT_A, issuer));

      expect(response.status).toBe(200);
      expect(response.body.value).toEqual([]);
    },
  );

  it.each([
    ['v1', V1_ISSUER(TENANT_B)],
    ['v2', V2_ISSUER(TENANT_B)],
  ])(
    "refuses the %s token of a tenant outside the list: Graph's 401, Invalid issuer",
    async (_version, issuer) => {
      const response = await get(RESOURCES, graphToken(TENANT_B, issuer));

      expectGraphRefusal(response, INVALID_ISSUER);
      expect(response.body.value).toBeUndefined();
    },
  );

  it("refuses a token of another tenant that names an allowed tenant's issuer", async () => {
    const response = await get(
      RESOURCES,
      graphToken(TENANT_B, V1_ISSUER(TENANT_A)),
    );

    expectGraphRefusal(response, INVALID_ISSUER);
  });

  it("refuses an allowed tenant's token issued for Microsoft Graph itself", async () => {
    const response = await get(
      RESOURCES,
      userToken([READ_WRITE], { audience: GRAPH_AUDIENCE }),
    );

    expectGraphRefusal(response, INVALID_AUDIENCE);
  });

  describe('the Resource Manager routes', () => {
    const armToken = (tenantId: string, audience = REGISTERED_ARM_AUDIENCE) =>
      armUserToken(undefined, {
        tenantId,
        issuer: V1_ISSUER(tenantId),
        audience,
      });

    it("let an allowed tenant's token for their registered API in", async () => {
      const response = await get(ARM_REQUESTS, armToken(TENANT_A));

      // Past authentication: the scope is the next thing it does not find.
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('SubscriptionNotFound');
    });

    it("refuse a tenant outside the list: ARM's 401 InvalidAuthenticationTokenTenant", async () => {
      const response = await get(ARM_REQUESTS, armToken(TENANT_B));

      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        error: {
          code: 'InvalidAuthenticationTokenTenant',
          message:
            'The access token is from the wrong issuer. It must be issued by the tenant of the resource.',
        },
      });
      expect(response.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token"',
      );
    });

    it('refuse a token Entra ID issued for Azure Resource Manager itself, naming the registered audience', async () => {
      const response = await get(
        ARM_REQUESTS,
        armToken(TENANT_A, RESOURCE_MANAGER_AUDIENCE),
      );

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe(
        'InvalidAuthenticationTokenAudience',
      );
      expect(response.body.error.message).toContain(REGISTERED_ARM_AUDIENCE);
    });
  });
});
