import type { ODataError } from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js';
import request from 'supertest';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
import { type GraphSdks, startTestAppWithSdks } from './support/graph-sdks.js';
import {
  type Fixture,
  fixtureId,
  REQUEST_OF_B,
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import {
  aRequest,
  auditEventsOf,
  DOCUMENTED_REQUEST_ID,
  findStoredRequest,
  storeRequests,
} from './support/requests.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import { appToken, READ_WRITE, TENANT_A, TENANT_B } from './support/tokens.js';

/**
 * The actions on a request (create, cancel, updateRequest) at each place Graph has them: below
 * privilegedAccess, under the request's resource (Graph's examples, Kiota's privilegedAccess
 * builders) and in the top-level entity set `governanceRoleAssignmentRequests` (Kiota's
 * governanceRoleAssignmentRequests builders). Under a resource, only that resource's requests
 * exist: another's is not found and nothing is written.
 */

const ROOT = '/beta/privilegedAccess/azureResources';
const TOP_LEVEL = '/beta/governanceRoleAssignmentRequests';
const onResource = (resourceId: string) =>
  `${ROOT}/resources/${resourceId}/roleAssignmentRequests`;

const REQUEST_NOT_FOUND = {
  code: 'RoleAssignmentRequestNotFound',
  message: 'The governanceRoleAssignmentRequest does not exist in system.',
};
const ENTITY_CONTEXT = expect.stringMatching(
  /\/beta\/\$metadata#governanceRoleAssignmentRequests\/\$entity$/,
) as string;
const RESOURCE_NOT_FOUND = {
  code: 'ResourceNotFound',
  message: 'The governanceResource does not exist in system.',
};

/** A request of tenant A on RESOURCE(0), waiting in `subStatus`. */
function pendingOnResource0(
  subStatus: 'PendingApproval' | 'PendingAdminDecision' = 'PendingApproval',
): RoleAssignmentRequestEntity {
  return aRequest({
    resourceId: RESOURCE(0),
    roleDefinitionId: ROLE_DEFINITION(0),
    requestorId: SUBJECT(0),
    subjectId: SUBJECT(0),
    ...(subStatus === 'PendingAdminDecision' && {
      type: 'UserExtend',
      assignmentState: 'Eligible',
      statusDetails: [],
    }),
    subStatus,
  });
}

/** A new eligible assignment an administrator asks for, within the fixture's ExpirationRule. */
function newRequestBody(
  subjectId: string,
  roleDefinitionId: string,
): Record<string, unknown> {
  return {
    roleDefinitionId,
    subjectId,
    assignmentState: 'Eligible',
    type: 'AdminAdd',
    reason: 'on call',
    schedule: {
      type: 'Once',
      startDateTime: TEST_NOW.toISOString(),
      duration: 'PT8H',
    },
  };
}

describe('the actions on a request, under its resource and in the top-level entity set', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([tenantAFixture(), tenantBFixture()]);
  });
  afterAll(() => testApp.close());

  function post(path: string, body?: object, token = appToken()) {
    const call = request(testApp.server)
      .post(path)
      .set('Authorization', `Bearer ${token}`);
    return body === undefined ? call : call.send(body);
  }

  /** The stored request and its audit trail, to show that nothing changed. */
  async function stateOf(id: string) {
    return {
      request: await findStoredRequest(testApp.dataSource, id),
      audit: await auditEventsOf(testApp.dataSource, id),
    };
  }

  function storedRequestsOf(subjectId: string, roleDefinitionId: string) {
    return testApp.dataSource
      .getRepository(RoleAssignmentRequestEntity)
      .findBy({ tenantId: TENANT_A, subjectId, roleDefinitionId });
  }

  describe('POST …/resources/{resourceId}/roleAssignmentRequests/{id}/cancel', () => {
    it.each([
      ['below privilegedAccess', `${ROOT}/resources`],
      ['of the top-level entity set', '/beta/governanceResources'],
    ])(
      'cancels a request of that resource (resources %s): 204, empty body, Closed/Canceled, audited',
      async (_case, resources) => {
        const stored = pendingOnResource0();
        await storeRequests(testApp.dataSource, stored);

        const response = await post(
          `${resources}/${RESOURCE(0).toUpperCase()}/roleAssignmentRequests/${stored.id}/cancel`,
        );

        expect(response.status).toBe(204);
        expect(response.text).toBe('');
        const { request: cancelled, audit } = await stateOf(stored.id);
        expect(cancelled).toMatchObject({
          status: 'Closed',
          subStatus: 'Canceled',
        });
        expect(audit.map((event) => event.action)).toEqual(['Cancel']);
      },
    );

    it.each([
      [
        'another resource of the tenant',
        () => appToken(),
        RESOURCE(1),
        REQUEST_NOT_FOUND,
      ],
      [
        'a resource the tenant does not have',
        () => appToken(),
        fixtureId('10000000', 99),
        RESOURCE_NOT_FOUND,
      ],
      [
        'an id that is not a GUID',
        () => appToken(),
        'nope',
        RESOURCE_NOT_FOUND,
      ],
      [
        // Tenant B has a resource of the same id, not the request.
        "another tenant's resource of the same id",
        () => appToken([READ_WRITE], { tenantId: TENANT_B }),
        RESOURCE(0),
        REQUEST_NOT_FOUND,
      ],
    ])(
      'under %s: 400 not found, nothing written',
      async (_case, token, resourceId, error) => {
        const stored = pendingOnResource0();
        await storeRequests(testApp.dataSource, stored);
        const before = await stateOf(stored.id);

        const response = await post(
          `${onResource(resourceId)}/${stored.id}/cancel`,
          undefined,
          token(),
        );

        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject(error);
        expect(await stateOf(stored.id)).toEqual(before);
      },
    );
  });

  describe('POST …/resources/{resourceId}/roleAssignmentRequests/{id}/updateRequest', () => {
    const denial = { decision: 'AdminDenied', reason: 'not this month' };

    it('decides a request of that resource: 204, Closed/AdminDenied, audited', async () => {
      const stored = pendingOnResource0('PendingAdminDecision');
      await storeRequests(testApp.dataSource, stored);

      const response = await post(
        `${onResource(RESOURCE(0))}/${stored.id}/updateRequest`,
        denial,
      );

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      const { request: decided, audit } = await stateOf(stored.id);
      expect(decided).toMatchObject({
        status: 'Closed',
        subStatus: 'AdminDenied',
      });
      expect(audit).toMatchObject([
        { action: 'AdminDeny', reason: 'not this month' },
      ]);
    });

    it.each([
      ['another resource of the tenant', RESOURCE(1), REQUEST_NOT_FOUND],
      [
        'a resource the tenant does not have',
        fixtureId('10000000', 99),
        RESOURCE_NOT_FOUND,
      ],
    ])(
      'under %s: 400 not found, nothing written',
      async (_case, resourceId, error) => {
        const stored = pendingOnResource0('PendingAdminDecision');
        await storeRequests(testApp.dataSource, stored);
        const before = await stateOf(stored.id);

        const response = await post(
          `${onResource(resourceId)}/${stored.id}/updateRequest`,
          denial,
        );

        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject(error);
        expect(await stateOf(stored.id)).toEqual(before);
      },
    );
  });

  describe('POST …/resources/{resourceId}/roleAssignmentRequests', () => {
    it.each([
      [
        'naming the same resource, in another letter case',
        RESOURCE(0).toUpperCase(),
        1,
      ],
      ['leaving the resource out', undefined, 0],
    ])(
      'creates a request of that resource, the body %s',
      async (_case, resourceId, role) => {
        const response = await post(onResource(RESOURCE(0)), {
          ...newRequestBody(SUBJECT(3), ROLE_DEFINITION(role)),
          ...(resourceId && { resourceId }),
        });

        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({
          '@odata.context': ENTITY_CONTEXT,
          resourceId: RESOURCE(0),
          subjectId: SUBJECT(3),
          status: { status: 'Closed', subStatus: 'Provisioned' },
        });
        expect(
          await findStoredRequest(testApp.dataSource, response.body.id),
        ).toMatchObject({ tenantId: TENANT_A, resourceId: RESOURCE(0) });
      },
    );

    it('refuses a body naming another resource: 400 BadRequest, nothing stored', async () => {
      const response = await post(onResource(RESOURCE(0)), {
        ...newRequestBody(SUBJECT(3), ROLE_DEFINITION(2)),
        resourceId: RESOURCE(1),
      });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message: `The resourceId of the request body, '${RESOURCE(1)}', does not match the resource of the request URL, '${RESOURCE(0)}'.`,
      });
      expect(await storedRequestsOf(SUBJECT(3), ROLE_DEFINITION(2))).toEqual(
        [],
      );
    });

    it("refuses another tenant's resource as one that does not exist", async () => {
      const response = await post(
        onResource(RESOURCE(0)),
        newRequestBody(SUBJECT(3), ROLE_DEFINITION(2)),
        appToken([READ_WRITE], {
          tenantId: '0c0c0c0c-0000-4000-8000-00000000000c',
        }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject(RESOURCE_NOT_FOUND);
    });

    it('still refuses a body without resourceId below privilegedAccess', async () => {
      const response = await post(
        `${ROOT}/roleAssignmentRequests`,
        newRequestBody(SUBJECT(3), ROLE_DEFINITION(2)),
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'body.resourceId: resourceId must be a GUID',
      );
    });
  });

  it('leaves GET …/resources/{resourceId}/roleAssignmentRequests/{id} to the lists: another resource’s is not found', async () => {
    const stored = pendingOnResource0();
    await storeRequests(testApp.dataSource, stored);
    const get = (resourceId: string) =>
      request(testApp.server)
        .get(`${onResource(resourceId)}/${stored.id}`)
        .set('Authorization', `Bearer ${appToken()}`);

    const own = await get(RESOURCE(0));
    const other = await get(RESOURCE(1));

    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: stored.id, resourceId: RESOURCE(0) });
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject(REQUEST_NOT_FOUND);
  });

  describe('the top-level entity set /beta/governanceRoleAssignmentRequests', () => {
    it('creates a request and reads it back', async () => {
      const created = await post(TOP_LEVEL, {
        ...newRequestBody(SUBJECT(2), ROLE_DEFINITION(0)),
        resourceId: RESOURCE(0),
      });
      const read = await request(testApp.server)
        .get(`${TOP_LEVEL}/${created.body.id}`)
        .set('Authorization', `Bearer ${appToken()}`);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        '@odata.context': ENTITY_CONTEXT,
        resourceId: RESOURCE(0),
        subjectId: SUBJECT(2),
      });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('cancels a request: 204, Closed/Canceled', async () => {
      const stored = pendingOnResource0();
      await storeRequests(testApp.dataSource, stored);

      const response = await post(`${TOP_LEVEL}/${stored.id}/cancel`);

      expect(response.status).toBe(204);
      expect(
        await findStoredRequest(testApp.dataSource, stored.id),
      ).toMatchObject({ subStatus: 'Canceled' });
    });

    it('decides a request with updateRequest: 204, Closed/AdminDenied', async () => {
      const stored = pendingOnResource0('PendingAdminDecision');
      await storeRequests(testApp.dataSource, stored);

      const response = await post(`${TOP_LEVEL}/${stored.id}/updateRequest`, {
        decision: 'AdminDenied',
        reason: 'not now',
      });

      expect(response.status).toBe(204);
      expect(
        await findStoredRequest(testApp.dataSource, stored.id),
      ).toMatchObject({ subStatus: 'AdminDenied' });
    });

    it("does not show or touch another tenant's request", async () => {
      const id = REQUEST_OF_B(0);
      const before = await testApp.dataSource
        .getRepository(RoleAssignmentRequestEntity)
        .findOneByOrFail({ tenantId: TENANT_B, id });

      const read = await request(testApp.server)
        .get(`${TOP_LEVEL}/${id}`)
        .set('Authorization', `Bearer ${appToken()}`);
      const cancelled = await post(`${TOP_LEVEL}/${id}/cancel`);

      expect([read.status, cancelled.status]).toEqual([400, 400]);
      expect(read.body.error).toMatchObject(REQUEST_NOT_FOUND);
      expect(cancelled.body.error).toMatchObject(REQUEST_NOT_FOUND);
      expect(
        await testApp.dataSource
          .getRepository(RoleAssignmentRequestEntity)
          .findOneByOrFail({ tenantId: TENANT_B, id }),
      ).toEqual(before);
    });
  });

  describe("the body of Graph's updateRequest example", () => {
    // Graph's example, as its documentation page has it: its schedule's end is `stopDateTime`.
    const DOCUMENTED_BODY = {
      reason: 'approve the request to extend role assignment',
      schedule: {
        type: 'Once',
        startDateTime: '2018-02-20T07:31:13.451Z',
        stopDateTime: '2018-05-21T07:31:13.451Z',
      },
      decision: 'AdminApproved',
      assignmentState: 'Eligible',
    };
    const RESOURCE_2018 = fixtureId('1d000000', 1);
    const ROLE_2018 = fixtureId('3d000000', 1);
    const ASSIGNMENT_2018 = fixtureId('5d000000', 1);
    const USER_2018 = fixtureId('2d000000', 1);

    /** The request of the example, a user's extension of an eligible assignment, in 2018. */
    function documentedWorld(): Fixture {
      const tenantId = TENANT_A;
      return {
        resources: [
          {
            id: RESOURCE_2018,
            tenantId,
            externalId: `/subscriptions/${RESOURCE_2018}`,
            type: 'subscription',
            displayName: 'wingtip 2018',
            status: 'Active',
            registeredDateTime: '2018-01-01T00:00:00Z',
            registeredRoot: `/subscriptions/${RESOURCE_2018}`,
            parentId: null,
          },
        ],
        subjects: [
          {
            id: USER_2018,
            tenantId,
            type: 'User',
            displayName: 'dana 2018',
            email: 'dana@wingtip.example',
            principalName: 'dana@wingtip.example',
          },
        ],
        roleDefinitions: [
          {
            id: ROLE_2018,
            tenantId,
            resourceId: RESOURCE_2018,
            externalId: `/roleDefinitions/${ROLE_2018}`,
            displayName: 'reader 2018',
            templateId: fixtureId('7d000000', 1),
          },
        ],
        roleSettings: [
          {
            id: fixtureId('4d000000', 1),
            tenantId,
            resourceId: RESOURCE_2018,
            roleDefinitionId: ROLE_2018,
            isDefault: true,
            lastUpdatedDateTime: null,
            lastUpdatedBy: null,
            adminEligibleSettings: [],
            adminMemberSettings: [],
            userEligibleSettings: [],
            userMemberSettings: [],
          },
        ],
        roleAssignments: [
          {
            id: ASSIGNMENT_2018,
            tenantId,
            resourceId: RESOURCE_2018,
            roleDefinitionId: ROLE_2018,
            subjectId: USER_2018,
            linkedEligibleRoleAssignmentId: null,
            externalId: `/roleAssignments/${ASSIGNMENT_2018}`,
            startDateTime: '2018-01-01T00:00:00Z',
            endDateTime: '2018-03-01T00:00:00Z',
            assignmentState: 'Eligible',
            memberType: 'Direct',
            status: 'Provisioned',
          },
        ],
        roleAssignmentRequests: [
          {
            id: DOCUMENTED_REQUEST_ID,
            tenantId,
            requestorId: USER_2018,
            resourceId: RESOURCE_2018,
            roleDefinitionId: ROLE_2018,
            subjectId: USER_2018,
            linkedEligibleRoleAssignmentId: null,
            type: 'UserExtend',
            assignmentState: 'Eligible',
            requestedDateTime: '2018-02-19T09:00:00Z',
            reason: 'three more months',
            schedule: {
              type: 'Once',
              startDateTime: '2018-02-20T07:31:13.451Z',
              endDateTime: '2018-05-21T07:31:13.451Z',
              duration: null,
            },
            status: {
              status: 'InProgress',
              subStatus: 'PendingAdminDecision',
              statusDetails: [],
            },
          },
        ],
      };
    }

    beforeEach(async () => {
      await testApp.dataSource
        .getRepository(RoleAssignmentRequestEntity)
        .delete({ tenantId: TENANT_A, id: DOCUMENTED_REQUEST_ID });
      await testApp.app.get(SeedService).seed(documentedWorld());
      testApp.clock.setTo(new Date('2018-02-20T07:00:00.000Z'));
    });
    afterEach(() => testApp.clock.setTo(TEST_NOW));

    function updateRequest(body: object) {
      return post(
        `${ROOT}/roleAssignmentRequests/${DOCUMENTED_REQUEST_ID}/updateRequest`,
        body,
      );
    }

    it('approves as documented: 204, the assignment ends at the schedule’s stopDateTime', async () => {
      const response = await updateRequest(DOCUMENTED_BODY);

      expect(response.status).toBe(204);
      expect(
        await findStoredRequest(testApp.dataSource, DOCUMENTED_REQUEST_ID),
      ).toMatchObject({ status: 'Closed', subStatus: 'AdminApproved' });
      const assignment = await testApp.dataSource
        .getRepository(RoleAssignmentEntity)
        .findOneByOrFail({ tenantId: TENANT_A, id: ASSIGNMENT_2018 });
      expect(assignment.endDateTime?.toISOString()).toBe(
        '2018-05-21T07:31:13.451Z',
      );
    });

    it.each([
      [
        'stopDateTime with endDateTime',
        { ...DOCUMENTED_BODY.schedule, endDateTime: '2018-04-01T00:00:00Z' },
        'body.schedule.stopDateTime: stopDateTime must not be given with endDateTime',
      ],
      [
        'a stopDateTime that is not a date-time',
        { ...DOCUMENTED_BODY.schedule, stopDateTime: 42 },
        'body.schedule.stopDateTime: stopDateTime must be an ISO 8601 date-time',
      ],
      [
        'a property governanceSchedule does not have',
        { ...DOCUMENTED_BODY.schedule, stopTime: '2018-04-01T00:00:00Z' },
        'body.schedule.stopTime: property stopTime should not exist',
      ],
    ])(
      'refuses a schedule with %s: 400 BadRequest, nothing decided',
      async (_case, schedule, problem) => {
        const response = await updateRequest({ ...DOCUMENTED_BODY, schedule });

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('BadRequest');
        expect(response.body.error.message).toContain(problem);
        expect(
          await findStoredRequest(testApp.dataSource, DOCUMENTED_REQUEST_ID),
        ).toMatchObject({ subStatus: 'PendingAdminDecision' });
      },
    );
  });
});

describe("Kiota's governanceRoleAssignmentRequests builders, with no withUrl", () => {
  let testApp: TestApp;
  let sdks: GraphSdks;

  beforeAll(async () => {
    ({ testApp, sdks } = await startTestAppWithSdks(() => appToken()));
    await testApp.app.get(SeedService).seed(tenantAFixture());
  });
  afterAll(() => testApp.close());

  const itemOf = (id: string) =>
    sdks.kiota.governanceRoleAssignmentRequests.byGovernanceRoleAssignmentRequestId(
      id,
    );

  async function stored(
    subStatus: 'PendingApproval' | 'PendingAdminDecision',
  ): Promise<string> {
    const pending = pendingOnResource0(subStatus);
    await storeRequests(testApp.dataSource, pending);
    return pending.id;
  }

  it('creates a request (post) and reads it back (get)', async () => {
    const now = testApp.clock.now();
    const created = await sdks.kiota.governanceRoleAssignmentRequests.post({
      resourceId: RESOURCE(0),
      roleDefinitionId: ROLE_DEFINITION(1),
      subjectId: SUBJECT(3),
      assignmentState: 'Eligible',
      type: 'AdminAdd',
      reason: 'from Kiota',
      schedule: {
        type: 'Once',
        startDateTime: now,
        endDateTime: new Date(now.getTime() + 3_600_000),
      },
    });
    const read = await itemOf(created?.id ?? '').get();

    expect(created).toMatchObject({
      resourceId: RESOURCE(0),
      reason: 'from Kiota',
      status: { subStatus: 'Provisioned' },
    });
    expect(read).toMatchObject({ id: created?.id, reason: 'from Kiota' });
  });

  it('cancels a request (cancel.post)', async () => {
    const id = await stored('PendingApproval');

    await itemOf(id).cancel.post();

    expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
      subStatus: 'Canceled',
    });
  });

  it("approves with the documented example's stopDateTime (updateRequest.post)", async () => {
    // An extension of ROLE_ASSIGNMENT(0), within its role's ExpirationRule (480 minutes).
    const id = await stored('PendingAdminDecision');
    const end = new Date(TEST_NOW.getTime() + 4 * 3_600_000);

    await itemOf(id).updateRequest.post({
      decision: 'AdminApproved',
      reason: 'approve the request to extend role assignment',
      assignmentState: 'Eligible',
      schedule: {
        type: 'Once',
        startDateTime: TEST_NOW,
        additionalData: { stopDateTime: end.toISOString() },
      },
    });

    expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
      subStatus: 'AdminApproved',
    });
    const assignment = await testApp.dataSource
      .getRepository(RoleAssignmentEntity)
      .findOneByOrFail({ tenantId: TENANT_A, id: ROLE_ASSIGNMENT(0) });
    expect(assignment.endDateTime).toEqual(end);
  });

  it('surfaces an unknown request as ODataError 400 RoleAssignmentRequestNotFound', async () => {
    const error = (await itemOf(fixtureId('60000000', 99))
      .cancel.post()
      .catch((thrown: unknown) => thrown)) as ODataError;

    expect(error.responseStatusCode).toBe(400);
    expect(error.errorEscaped?.code).toBe('RoleAssignmentRequestNotFound');
  });
});
