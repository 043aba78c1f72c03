import request from 'supertest';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import { REQUESTS_PATH } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const RESOURCES_PATH = '/beta/privilegedAccess/azureResources/resources';
const RESOURCE = fixtureId('ee000000', 1);
const OWNER_ROLE = fixtureId('ee100000', 1);
const READER_ROLE = fixtureId('ee100000', 2);
const ADMIN = fixtureId('ee200000', 1);
const USER = fixtureId('ee200000', 2);

/** A tenant's directory as a test suite would post it: no tenantId, the token says which. */
function suiteSeed() {
  const withoutTenant = <T extends { tenantId: string }>(record: T) =>
    Object.fromEntries(
      Object.entries(record).filter(([key]) => key !== 'tenantId'),
    );
  return {
    resources: [resourceRecord('', RESOURCE)].map(withoutTenant),
    roleDefinitions: [
      roleDefinitionRecord('', OWNER_ROLE, RESOURCE, ROLE_TEMPLATES.owner),
      roleDefinitionRecord('', READER_ROLE, RESOURCE, ROLE_TEMPLATES.reader),
    ].map(withoutTenant),
    subjects: [userRecord('', ADMIN), userRecord('', USER)].map(withoutTenant),
    roleAssignments: [
      assignmentRecord('', {
        id: fixtureId('ee300000', 1),
        resourceId: RESOURCE,
        roleDefinitionId: OWNER_ROLE,
        subjectId: ADMIN,
      }),
    ].map(withoutTenant),
  };
}

const admin = (tenantId = TENANT_A) =>
  userToken([READ_WRITE], { tenantId, objectId: ADMIN });

describe('the emulator control API (/_emulator)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const call = (
    method: 'get' | 'post' | 'delete',
    path: string,
    token = admin(),
  ) =>
    request(testApp.server)
      [method](path)
      .set('Authorization', `Bearer ${token}`);

  async function seedTenant(tenantId = TENANT_A) {
    const response = await call(
      'post',
      '/_emulator/reset',
      admin(tenantId),
    ).send({ seed: suiteSeed() });
    expect(response.status).toBe(200);
  }

  function createRequest(schedule: object, tenantId = TENANT_A) {
    return call('post', REQUESTS_PATH, admin(tenantId)).send({
      resourceId: RESOURCE,
      roleDefinitionId: READER_ROLE,
      subjectId: USER,
      assignmentState: 'Eligible',
      type: 'AdminAdd',
      schedule: { type: 'Once', ...schedule },
    });
  }

  describe('access', () => {
    it('refuses a call without a token: 401, Graph error', async () => {
      const response = await request(testApp.server).get('/_emulator/clock');

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('InvalidAuthenticationToken');
    });

    it('refuses a token without ReadWrite: 403', async () => {
      const response = await call('post', '/_emulator/reset', appToken([READ]));

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('UnauthorizedAccessException');
    });
  });

  describe('POST /_emulator/seed and /_emulator/reset', () => {
    it('loads records into the caller’s tenant, which the Graph API then serves', async () => {
      const response = await call('post', '/_emulator/seed').send(suiteSeed());

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        resources: 1,
        roleDefinitions: 2,
        subjects: 2,
        roleAssignments: 1,
      });
      const resource = await call('get', `${RESOURCES_PATH}/${RESOURCE}`);
      expect(resource.status).toBe(200);
      const elsewhere = await call(
        'get',
        `${RESOURCES_PATH}/${RESOURCE}`,
        admin(TENANT_B),
      );
      expect(elsewhere.body.error.code).toBe('ResourceNotFound');
    });

    it('refuses records of another tenant, writing nothing: 403', async () => {
      const seed = suiteSeed();
      const response = await call('post', '/_emulator/seed').send({
        ...seed,
        subjects: [{ ...userRecord(TENANT_B, fixtureId('ee200000', 9)) }],
      });

      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain('subjects[0]');
      const outsider = await call(
        'get',
        `/beta/privilegedAccess/azureResources/subjects/${fixtureId('ee200000', 9)}`,
        admin(TENANT_B),
      );
      expect(outsider.status).not.toBe(200);
    });

    it('refuses a date JavaScript cannot read (ISO 8601 basic form): 400 naming it', async () => {
      const seed = suiteSeed();
      const response = await call('post', '/_emulator/seed').send({
        ...seed,
        resources: [
          { ...seed.resources[0], registeredDateTime: '20261128T100000Z' },
        ],
      });

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('registeredDateTime');
    });

    it('refuses a seed that is not valid with 400 naming the problems', async () => {
      const response = await call('post', '/_emulator/seed').send({
        resources: [{ id: 'not-a-guid' }],
        nonsense: [],
      });

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.error.code).toBe('BadRequest');
      expect(response.body.error.message).toContain('nonsense');
    });

    it('empties the caller’s tenant only, then loads the seed it is given', async () => {
      await seedTenant(TENANT_A);
      await seedTenant(TENANT_B);
      expect((await createRequest({ duration: 'PT1H' })).status).toBe(201);

      const emptied = await call('post', '/_emulator/reset');

      expect(emptied.status).toBe(200);
      expect(emptied.body.deleted).toMatchObject({
        role_assignment_requests: 1,
        resources: 1,
      });
      expect(emptied.body.seeded).toEqual({});
      expect(
        (await call('get', `${RESOURCES_PATH}/${RESOURCE}`)).body.error.code,
      ).toBe('ResourceNotFound');
      expect(
        (await call('get', `${RESOURCES_PATH}/${RESOURCE}`, admin(TENANT_B)))
          .status,
      ).toBe(200);
      expect(
        await testApp.dataSource
          .getRepository(RoleAssignmentRequestEntity)
          .countBy({ tenantId: TENANT_A }),
      ).toBe(0);
    });
  });

  describe('the clock', () => {
    it('reads the service’s time, and how far it is from the machine’s', async () => {
      const response = await call('get', '/_emulator/clock');

      expect(response.status).toBe(200);
      const now = Date.parse(response.body.now as string);
      expect(Math.abs(now - testApp.clock.now().getTime())).toBeLessThan(5_000);
      expect(response.body.offsetSeconds).toBe(
        Math.round(testApp.clock.offset / 1000),
      );
      expect(
        Math.abs(now - Date.now() - response.body.offsetSeconds * 1000),
      ).toBeLessThan(5_000);
    });

    it('moves time forward and runs the time-driven transitions: a Granted request is provisioned at its start', async () => {
      await seedTenant();
      const offset = testApp.clock.offset;
      const start = new Date(testApp.clock.now().getTime() + 2 * 3_600_000);
      const created = await createRequest({
        startDateTime: start.toISOString(),
        duration: 'PT8H',
      });
      expect(created.body.status.subStatus).toBe('Granted');

      const moved = await call('post', '/_emulator/clock').send({
        advanceSeconds: 3 * 3600,
      });

      expect(moved.status).toBe(200);
      expect(moved.body.offsetSeconds).toBe(
        Math.round((offset + 3 * 3_600_000) / 1000),
      );
      expect(moved.body.scheduler.provisioned).toBe(1);
      const stored = await call('get', `${REQUESTS_PATH}/${created.body.id}`);
      expect(stored.body.status.subStatus).toBe('Provisioned');

      const back = await call('post', '/_emulator/clock').send({
        dateTime: TEST_NOW.toISOString(),
      });
      const backTo = Date.parse(back.body.now as string) - TEST_NOW.getTime();
      expect(backTo).toBeGreaterThanOrEqual(0);
      expect(backTo).toBeLessThan(5_000);
    });

    it.each([
      [{ dateTime: 'tomorrow' }, 'dateTime'],
      // ISO 8601's basic form, which JavaScript's Date cannot read.
      [{ dateTime: '20261201T090000Z' }, 'dateTime'],
      [{ advanceSeconds: 1.5 }, 'advanceSeconds'],
      [{ dateTime: TEST_NOW.toISOString(), advanceSeconds: 1 }, 'not both'],
      [{ speed: 2 }, 'speed'],
    ])('refuses %j: 400 naming %s', async (body, named) => {
      const response = await call('post', '/_emulator/clock').send(body);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(named);
    });
  });

  describe('faults', () => {
    beforeEach(async () => {
      await seedTenant(TENANT_A);
      await seedTenant(TENANT_B);
    });

    it('answers the next N matching calls with 429 and Retry-After, then normally', async () => {
      const injected = await call('post', '/_emulator/faults').send({
        status: 429,
        count: 2,
        method: 'GET',
        path: RESOURCES_PATH,
        retryAfterSeconds: 3,
      });
      expect(injected.status).toBe(201);
      expect(injected.body).toMatchObject({ status: 429, remaining: 2 });

      for (let attempt = 0; attempt < 2; attempt += 1) {
        const refused = await call('get', `${RESOURCES_PATH}/${RESOURCE}`);
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('3');
        expect(refused.headers['content-type']).toMatch(/^application\/json/);
        expect(refused.body.error.code).toBe('TooManyRequests');
        expect(refused.body.error.innerError['request-id']).toBe(
          refused.headers['request-id'],
        );
      }
      expect((await call('get', `${RESOURCES_PATH}/${RESOURCE}`)).status).toBe(
        200,
      );
      expect((await call('get', '/_emulator/faults')).body.value).toEqual([]);
    });

    it.each([
      [503, 'serviceNotAvailable', '1'],
      [500, 'generalException', undefined],
    ])(
      'answers %s %s (Retry-After %s) and changes nothing',
      async (status, code, retryAfter) => {
        const created = await createRequest({ duration: 'PT1H' });
        expect(created.body.status.subStatus).toBe('Provisioned');
        await call('post', '/_emulator/faults').send({
          status,
          method: 'POST',
        });

        const refused = await createRequest({ duration: 'PT1H' });

        expect(refused.status).toBe(status);
        expect(refused.body.error.code).toBe(code);
        expect(refused.headers['retry-after']).toBe(retryAfter);
        expect(
          await testApp.dataSource
            .getRepository(RoleAssignmentRequestEntity)
            .countBy({ tenantId: TENANT_A }),
        ).toBe(1);
      },
    );

    it('are the tenant’s own, spare the control API, and can be cleared', async () => {
      await call('post', '/_emulator/faults').send({ status: 503, count: 5 });

      expect(
        (await call('get', `${RESOURCES_PATH}/${RESOURCE}`, admin(TENANT_B)))
          .status,
      ).toBe(200);
      expect((await call('get', '/_emulator/faults')).body.value).toHaveLength(
        1,
      );
      expect((await call('delete', '/_emulator/faults')).status).toBe(204);
      expect((await call('get', `${RESOURCES_PATH}/${RESOURCE}`)).status).toBe(
        200,
      );
    });

    it.each([
      [{ status: 404 }, 'status'],
      [{ status: 429, count: 0 }, 'count'],
      [{ status: 429, path: 'beta' }, 'path'],
      [{ status: 429, method: 'TRACE' }, 'method'],
    ])('refuses %j: 400 naming %s', async (body, named) => {
      const response = await call('post', '/_emulator/faults').send(body);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(named);
    });
  });

  describe('GET /_emulator/requests', () => {
    it('lists the tenant’s recent calls in order, without the control API’s', async () => {
      await seedTenant(TENANT_A);
      await seedTenant(TENANT_B);
      await call('get', `${RESOURCES_PATH}?$top=1`).set(
        'client-request-id',
        'suite-call-1',
      );
      await call('get', `${REQUESTS_PATH}/${fixtureId('ee900000', 1)}`);
      await call('get', RESOURCES_PATH, admin(TENANT_B));

      const response = await call('get', '/_emulator/requests');

      expect(response.status).toBe(200);
      expect(response.body.value).toEqual([
        expect.objectContaining({
          method: 'GET',
          url: `${RESOURCES_PATH}?$top=1`,
          status: 200,
          clientRequestId: 'suite-call-1',
        }),
        expect.objectContaining({
          method: 'GET',
          url: `${REQUESTS_PATH}/${fixtureId('ee900000', 1)}`,
          status: 400,
        }),
      ]);
    });
  });
});

describe('one request id in two tenants: suites of two tenants load the Graph documentation’s example', () => {
  const EXAMPLE = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
  const ASSIGNMENTS_PATH =
    '/beta/privilegedAccess/azureResources/roleAssignments';
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const call = (
    method: 'get' | 'post',
    path: string,
    tenantId: string,
    objectId = ADMIN,
  ) =>
    request(testApp.server)
      [method](path)
      .set(
        'Authorization',
        `Bearer ${userToken([READ_WRITE], { tenantId, objectId })}`,
      );

  /**
   * Empties both tenants, then seeds each through /_emulator/seed with its directory and its own
   * request of the one id, told apart by its reason; ADMIN approves the Reader role.
   */
  async function seedBoth(
    requestOf: (tenantId: string) => Record<string, unknown>,
  ) {
    for (const tenantId of [TENANT_A, TENANT_B]) {
      expect((await call('post', '/_emulator/reset', tenantId)).status).toBe(
        200,
      );
      const seeded = await call('post', '/_emulator/seed', tenantId).send({
        ...suiteSeed(),
        roleSettings: [
          {
            id: fixtureId('ee400000', 1),
            resourceId: RESOURCE,
            roleDefinitionId: READER_ROLE,
            userEligibleSettings: [
              {
                ruleIdentifier: 'ApprovalRule',
                setting: JSON.stringify({
                  Enabled: true,
                  Approvers: [{ Id: ADMIN, Type: 'User' }],
                }),
              },
            ],
          },
        ],
        roleAssignmentRequests: [
          {
            id: EXAMPLE,
            requestorId: USER,
            resourceId: RESOURCE,
            roleDefinitionId: READER_ROLE,
            subjectId: USER,
            type: 'UserAdd',
            assignmentState: 'Eligible',
            requestedDateTime: 'now-PT1H',
            reason: `asked in ${tenantId}`,
            schedule: { type: 'Once', startDateTime: 'now', duration: 'PT8H' },
            status: { status: 'InProgress', subStatus: 'PendingApproval' },
            ...requestOf(tenantId),
          },
        ],
      });
      expect(seeded.status).toBe(200);
    }
  }

  async function subStatusIn(tenantId: string): Promise<string> {
    const response = await call('get', `${REQUESTS_PATH}/${EXAMPLE}`, tenantId);
    expect(response.status).toBe(200);
    return response.body.status.subStatus as string;
  }

  async function auditActionsIn(tenantId: string): Promise<string[]> {
    const response = await call(
      'get',
      `${REQUESTS_PATH}/${EXAMPLE}/auditEvents`,
      tenantId,
    );
    expect(response.status).toBe(200);
    return (response.body.value as { action: string }[]).map(
      (event) => event.action,
    );
  }

  it('keeps both: GET and the list show each tenant its own request', async () => {
    await seedBoth(() => ({}));

    for (const tenantId of [TENANT_A, TENANT_B]) {
      const item = await call('get', `${REQUESTS_PATH}/${EXAMPLE}`, tenantId);
      expect(item.status).toBe(200);
      expect(item.body.reason).toBe(`asked in ${tenantId}`);
      const list = await call('get', REQUESTS_PATH, tenantId);
      expect(list.status).toBe(200);
      expect(list.body.value).toEqual([
        expect.objectContaining({
          id: EXAMPLE,
          reason: `asked in ${tenantId}`,
        }),
      ]);
    }
  });

  it('cancels and audits the caller’s tenant’s request only', async () => {
    await seedBoth(() => ({}));

    expect(
      (await call('post', `${REQUESTS_PATH}/${EXAMPLE}/cancel`, TENANT_B))
        .status,
    ).toBe(204);

    expect(await subStatusIn(TENANT_B)).toBe('Canceled');
    expect(await auditActionsIn(TENANT_B)).toEqual(['Cancel']);
    expect(await subStatusIn(TENANT_A)).toBe('PendingApproval');
    expect(await auditActionsIn(TENANT_A)).toEqual([]);
    expect(
      (await call('post', `${REQUESTS_PATH}/${EXAMPLE}/cancel`, TENANT_A))
        .status,
    ).toBe(204);
  });

  it('approves, denies and provisions the caller’s tenant’s request only', async () => {
    await seedBoth(() => ({}));

    const approved = await call(
      'post',
      `${REQUESTS_PATH}/${EXAMPLE}/approve`,
      TENANT_A,
    ).send({ reason: 'checked in A' });

    expect(approved.status).toBe(204);
    expect(await subStatusIn(TENANT_A)).toBe('Provisioned');
    expect(await subStatusIn(TENANT_B)).toBe('PendingApproval');
    expect(await auditActionsIn(TENANT_B)).toEqual([]);
    expect(
      (await call('get', `${ASSIGNMENTS_PATH}/${EXAMPLE}`, TENANT_B)).body.error
        .code,
    ).toBe('RoleAssignmentNotFound');

    const denied = await call(
      'post',
      `${REQUESTS_PATH}/${EXAMPLE}/deny`,
      TENANT_B,
    ).send({ reason: 'not in B' });

    expect(denied.status).toBe(204);
    expect(await subStatusIn(TENANT_B)).toBe('Denied');
    expect(await subStatusIn(TENANT_A)).toBe('Provisioned');
    expect(await auditActionsIn(TENANT_A)).toEqual(['Approve']);
    expect(
      (await call('get', `${ASSIGNMENTS_PATH}/${EXAMPLE}`, TENANT_A)).status,
    ).toBe(200);
  });

  it('decides the caller’s tenant’s request only with updateRequest', async () => {
    await seedBoth(() => ({
      type: 'UserExtend',
      status: { status: 'InProgress', subStatus: 'PendingAdminDecision' },
    }));

    const decided = await call(
      'post',
      `${REQUESTS_PATH}/${EXAMPLE}/updateRequest`,
      TENANT_A,
    ).send({ decision: 'AdminDenied', reason: 'not in A' });

    expect(decided.status).toBe(204);
    expect(await subStatusIn(TENANT_A)).toBe('AdminDenied');
    expect(await subStatusIn(TENANT_B)).toBe('PendingAdminDecision');
    expect(await auditActionsIn(TENANT_B)).toEqual([]);
  });

  it('moves each tenant’s request on its own time with the scheduler', async () => {
    await seedBoth((tenantId) => ({
      schedule: {
        type: 'Once',
        startDateTime: tenantId === TENANT_A ? 'now+PT1H' : 'now+PT3H',
        duration: 'PT8H',
      },
      status: { status: 'InProgress', subStatus: 'Granted' },
    }));

    const first = await call('post', '/_emulator/clock', TENANT_A).send({
      advanceSeconds: 2 * 3600,
    });

    expect(first.body.scheduler.provisioned).toBe(1);
    expect(await subStatusIn(TENANT_A)).toBe('Provisioned');
    expect(await subStatusIn(TENANT_B)).toBe('Granted');

    const second = await call('post', '/_emulator/clock', TENANT_A).send({
      advanceSeconds: 2 * 3600,
    });

    expect(second.body.scheduler.provisioned).toBe(1);
    for (const tenantId of [TENANT_A, TENANT_B]) {
      expect(await subStatusIn(tenantId)).toBe('Provisioned');
      expect(await auditActionsIn(tenantId)).toEqual(['Provision']);
      expect(
        (await call('get', `${ASSIGNMENTS_PATH}/${EXAMPLE}`, tenantId)).status,
      ).toBe(200);
    }
  });

  it('leaves the other tenant’s request when one tenant resets', async () => {
    await seedBoth(() => ({}));

    const reset = await call('post', '/_emulator/reset', TENANT_B);

    expect(reset.body.deleted).toMatchObject({ role_assignment_requests: 1 });
    expect(
      (await call('get', `${REQUESTS_PATH}/${EXAMPLE}`, TENANT_B)).body.error
        .code,
    ).toBe('RoleAssignmentRequestNotFound');
    const ours = await call('get', `${REQUESTS_PATH}/${EXAMPLE}`, TENANT_A);
    expect(ours.status).toBe(200);
    expect(ours.body.reason).toBe(`asked in ${TENANT_A}`);
  });
});

describe('the emulator control API when EMULATOR=false', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ EMULATOR: 'false' });
  });
  afterAll(() => testApp.close());

  it.each(['/_emulator/reset', '/_emulator/clock', '/_emulator/faults'])(
    'does not exist: POST %s is a Graph 400 for an unknown segment',
    async (path) => {
      const response = await request(testApp.server)
        .post(path)
        .set('Authorization', `Bearer ${admin()}`)
        .send({});

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    },
  );
});
