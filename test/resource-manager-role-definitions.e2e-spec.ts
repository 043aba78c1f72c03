import request from 'supertest';
import {
  authorizationDirectory,
  RESOURCE,
  ROLES,
  USERS,
} from './support/authorization-directory.js';
import { ROLE_TEMPLATES } from './support/directory.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { armUserToken, TENANT_B } from './support/tokens.js';

const SCOPE = `/subscriptions/${RESOURCE}`;
const DEFINITIONS = `${SCOPE}/providers/Microsoft.Authorization/roleDefinitions`;

/** Role definitions at a scope, as the Azure SDK reads them (api-version 2022-04-01). */
describe('Resource Manager role definitions over the stored ones', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  const get = (path: string, token = armUserToken(USERS.outsider)) =>
    request(testApp.server)
      .get(`${path}${path.includes('?') ? '&' : '?'}api-version=2022-04-01`)
      .set('Authorization', `Bearer ${token}`);

  it('lists the definitions applicable at the scope, for anyone of the tenant, named as ARM names built-in roles', async () => {
    const response = await get(DEFINITIONS);

    expect(response.status).toBe(200);
    expect(response.body.nextLink).toBeUndefined();
    expect(
      (response.body.value as { name: string }[])
        .map((item) => item.name)
        .sort(),
    ).toEqual(
      [
        ROLE_TEMPLATES.owner,
        ROLE_TEMPLATES.userAccessAdministrator,
        ROLE_TEMPLATES.reader,
      ].sort(),
    );
    expect(response.body.value).toContainEqual({
      id: `${DEFINITIONS}/${ROLE_TEMPLATES.reader}`,
      name: ROLE_TEMPLATES.reader,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: ROLES.reader,
        description: null,
        type: 'BuiltInRole',
        permissions: [
          { actions: [], notActions: [], dataActions: [], notDataActions: [] },
        ],
        assignableScopes: [SCOPE],
      },
    });
  });

  it("filters by roleName, as scripts find a role's id", async () => {
    const response = await get(
      `${DEFINITIONS}?$filter=roleName eq '${ROLES.owner.toUpperCase()}'`,
    );

    expect(response.status).toBe(200);
    expect(response.body.value).toHaveLength(1);
    expect(response.body.value[0].name).toBe(ROLE_TEMPLATES.owner);
  });

  it('gets one by its name; an unknown one is 404 RoleDefinitionDoesNotExist', async () => {
    const found = await get(`${DEFINITIONS}/${ROLE_TEMPLATES.reader}`);
    const missing = await get(
      `${DEFINITIONS}/00000000-0000-4000-8000-000000000000`,
    );

    expect(found.status).toBe(200);
    expect(found.body.properties.roleName).toBe(ROLES.reader);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: 'RoleDefinitionDoesNotExist',
        message: 'The specified role definition does not exist.',
      },
    });
  });

  it('answers the api-version the Azure SDK sends for role definitions only', async () => {
    const response = await request(testApp.server)
      .get(`${DEFINITIONS}?api-version=2020-10-01`)
      .set('Authorization', `Bearer ${armUserToken(USERS.outsider)}`);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      "The api-version '2020-10-01' is invalid. The supported versions are '2022-04-01'.",
    );
  });

  it('another tenant finds no such scope', async () => {
    const response = await get(
      DEFINITIONS,
      armUserToken(USERS.outsider, { tenantId: TENANT_B }),
    );

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SubscriptionNotFound');
  });
});
