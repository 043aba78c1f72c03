import request from 'supertest';
import { ResourceEntity } from '../src/privileged-access/azure-resources/resources/resource.entity.js';
import {
  RESOURCE,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { TEST_NOW } from './support/test-clock.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const REGISTER = '/beta/privilegedAccess/azureResources/resources/register';
const SUBSCRIPTION = 'c14ae696-5e0c-4e5d-88cc-bef6637737ac';
/** The app's clock during a call made at TEST_NOW: it runs on meanwhile, for seconds at most. */
const AROUND_TEST_NOW = /^2026-11-28T12:00:[0-5]\d\.\d{3}Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /resources/register', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([tenantAFixture(), tenantBFixture()]);
  });
  afterAll(() => testApp.close());

  /** Registers with the app's clock set to `at` (TEST_NOW by default) just before. */
  function register(
    body: unknown,
    token = userToken(),
    query = '',
    at = TEST_NOW,
  ) {
    testApp.clock.setTo(at);
    return request(testApp.server)
      .post(`${REGISTER}${query}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  }

  function storedWithExternalId(tenantId: string, externalId: string) {
    return testApp.dataSource
      .getRepository(ResourceEntity)
      .findBy({ tenantId, externalId });
  }

  it('registers a subscription the tenant does not have: 200, the new governanceResource, its row', async () => {
    const response = await register({
      externalId: `/subscriptions/${SUBSCRIPTION.toUpperCase()}`,
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      '@odata.context': expect.stringMatching(
        /\/beta\/\$metadata#governanceResources\/\$entity$/,
      ),
      id: expect.stringMatching(GUID),
      externalId: `/subscriptions/${SUBSCRIPTION}`,
      type: 'subscription',
      displayName: SUBSCRIPTION,
      status: 'Active',
      registeredDateTime: expect.stringMatching(AROUND_TEST_NOW),
      registeredRoot: `/subscriptions/${SUBSCRIPTION}`,
    });
    const stored = await storedWithExternalId(
      TENANT_A,
      `/subscriptions/${SUBSCRIPTION}`,
    );
    expect(stored).toEqual([
      expect.objectContaining({
        tenantId: TENANT_A,
        id: response.body.id,
        type: 'subscription',
        status: 'Active',
        registeredDateTime: new Date(response.body.registeredDateTime),
        parentId: null,
      }),
    ]);
    // Another tenant's is not touched, nor made.
    expect(
      await storedWithExternalId(TENANT_B, `/subscriptions/${SUBSCRIPTION}`),
    ).toEqual([]);
  });

  it('is idempotent: registering again answers the same resource and adds no row', async () => {
    const first = await register({
      externalId: `/subscriptions/${SUBSCRIPTION}`,
    });
    const again = await register(
      { externalId: `/subscriptions/${SUBSCRIPTION}` },
      userToken(),
      '',
      new Date(TEST_NOW.getTime() + 60_000),
    );

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(
      await storedWithExternalId(TENANT_A, `/subscriptions/${SUBSCRIPTION}`),
    ).toHaveLength(1);
  });

  it('registers a management group', async () => {
    const response = await register({
      externalId:
        '/providers/microsoft.management/managementGroups/Contoso-Root',
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      externalId:
        '/providers/Microsoft.Management/managementGroups/Contoso-Root',
      type: 'managementgroup',
      displayName: 'Contoso-Root',
      registeredRoot:
        '/providers/Microsoft.Management/managementGroups/Contoso-Root',
    });
  });

  it('registers a subscription the tenant holds unregistered, keeping its id and name', async () => {
    const seeded = `/subscriptions/${RESOURCE(9)}`;
    await testApp.dataSource.getRepository(ResourceEntity).insert({
      tenantId: TENANT_A,
      id: RESOURCE(9),
      externalId: seeded,
      type: 'subscription',
      displayName: 'contoso staging',
      status: 'Active',
      registeredDateTime: null,
      registeredRoot: null,
      parentId: null,
    });

    const response = await register(
      { externalId: seeded },
      userToken(),
      '?$select=id,registeredDateTime',
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      '@odata.context': expect.any(String),
      id: RESOURCE(9),
      registeredDateTime: expect.stringMatching(AROUND_TEST_NOW),
    });
    expect(await storedWithExternalId(TENANT_A, seeded)).toEqual([
      expect.objectContaining({
        displayName: 'contoso staging',
        registeredDateTime: new Date(response.body.registeredDateTime),
        registeredRoot: seeded,
      }),
    ]);
  });

  it.each([
    [{}, 'externalId must be'],
    [{ externalId: 42 }, 'externalId must be'],
    [{ externalId: '/subscriptions/not-a-guid' }, 'externalId must be'],
    [
      { externalId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg` },
      'externalId must be',
    ],
    [
      { externalId: '/providers/Microsoft.Management/managementGroups/ends.' },
      'externalId must be',
    ],
    [
      { externalId: `/subscriptions/${SUBSCRIPTION}`, displayName: 'x' },
      'displayName',
    ],
  ])(
    'refuses the body %j with a Graph 400 naming the problem, and writes nothing',
    async (body, problem) => {
      const before = await testApp.dataSource
        .getRepository(ResourceEntity)
        .count();

      const response = await register(body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
      expect(response.body.error.message).toContain(problem);
      expect(
        await testApp.dataSource.getRepository(ResourceEntity).count(),
      ).toBe(before);
    },
  );

  it('refuses a body that is not JSON', async () => {
    const response = await request(testApp.server)
      .post(REGISTER)
      .set('Authorization', `Bearer ${userToken()}`)
      .set('Content-Type', 'text/plain')
      .send('/subscriptions/x');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
  });

  it.each([
    ['an application, even with ReadWrite', appToken([READ_WRITE])],
    ['a user with Read only', userToken([READ])],
  ])('refuses %s with 403', async (_who, token) => {
    const response = await register(
      { externalId: `/subscriptions/${RESOURCE(20)}` },
      token,
    );

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('UnauthorizedAccessException');
    expect(
      await storedWithExternalId(TENANT_A, `/subscriptions/${RESOURCE(20)}`),
    ).toEqual([]);
  });

  it('shows the new resource in the tenant’s list, and not in another tenant’s', async () => {
    const externalId = `/subscriptions/${RESOURCE(21)}`;
    const { body } = await register({ externalId });

    const mine = await request(testApp.server)
      .get(`/beta/privilegedAccess/azureResources/resources/${body.id}`)
      .set('Authorization', `Bearer ${userToken()}`);
    const theirs = await request(testApp.server)
      .get(`/beta/privilegedAccess/azureResources/resources/${body.id}`)
      .set(
        'Authorization',
        `Bearer ${userToken([READ_WRITE], { tenantId: TENANT_B })}`,
      );

    expect(mine.status).toBe(200);
    expect(mine.body.externalId).toBe(externalId);
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.code).toBe('ResourceNotFound');
  });

  it('documents the route in the OpenAPI document', async () => {
    const document = await request(testApp.server)
      .get('/openapi.json')
      .expect(200);

    expect(document.body.paths[REGISTER].post.responses).toHaveProperty([
      '200',
    ]);
  });
});
