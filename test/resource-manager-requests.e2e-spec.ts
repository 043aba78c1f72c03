import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  authorizationDirectory,
  OTHER_RESOURCE,
  RESOURCE,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  storedRequestsWithId,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
} from './support/directory.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import {
  armAppToken,
  armUserToken,
  TENANT_A,
  TENANT_B,
} from './support/tokens.js';

const API_VERSION = '2020-10-01';

function namesOf(page: unknown): string[] {
  return (page as { value: { name: string }[] }).value.map((item) => item.name);
}
const SCOPE = `/subscriptions/${RESOURCE}`;
const ASSIGNMENT_REQUESTS = `${SCOPE}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests`;
const ELIGIBILITY_REQUESTS = `${SCOPE}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests`;

describe('Resource Manager schedule requests over the Graph requests', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  async function stored(
    overrides: Partial<RoleAssignmentRequestEntity> = {},
  ): Promise<RoleAssignmentRequestEntity> {
    const entity = aRequest({
      id: randomUUID(),
      requestorId: USERS.requestor,
      subjectId: USERS.subject,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
      ...overrides,
    });
    await storeRequests(testApp.dataSource, entity);
    return entity;
  }

  function arm(path: string, token = armUserToken(USERS.subject)) {
    const separator = path.includes('?') ? '&' : '?';
    return {
      get: () =>
        request(testApp.server)
          .get(`${path}${separator}api-version=${API_VERSION}`)
          .set('Authorization', `Bearer ${token}`),
      post: () =>
        request(testApp.server)
          .post(`${path}${separator}api-version=${API_VERSION}`)
          .set('Authorization', `Bearer ${token}`),
      put: (body: unknown) =>
        request(testApp.server)
          .put(`${path}${separator}api-version=${API_VERSION}`)
          .set('Authorization', `Bearer ${token}`)
          .send(body as object),
    };
  }

  it('GET answers a request for an active assignment in ARM’s shape, with ARM’s headers', async () => {
    const entity = await stored();

    const response = await arm(`${ASSIGNMENT_REQUESTS}/${entity.id}`).get();

    expect(response.status).toBe(200);
    expect(response.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-ms-correlation-request-id']).toBe(
      response.headers['x-ms-request-id'],
    );
    expect(response.headers['request-id']).toBeUndefined();
    expect(response.body).toEqual({
      properties: {
        targetRoleAssignmentScheduleId: null,
        targetRoleAssignmentScheduleInstanceId: null,
        scope: SCOPE,
        roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
        principalId: USERS.subject,
        principalType: 'User',
        requestType: 'SelfActivate',
        status: 'PendingApproval',
        approvalId: null,
        scheduleInfo: {
          startDateTime: '2026-11-28T10:00:00.000Z',
          expiration: {
            type: 'AfterDuration',
            endDateTime: null,
            duration: 'PT8H',
          },
        },
        linkedRoleEligibilityScheduleId: null,
        justification: 'Deploying a hotfix',
        ticketInfo: { ticketNumber: null, ticketSystem: null },
        condition: null,
        conditionVersion: null,
        createdOn: '2026-11-28T09:00:00.000Z',
        requestorId: USERS.requestor,
        expandedProperties: {
          scope: { id: SCOPE, displayName: RESOURCE, type: 'subscription' },
          roleDefinition: {
            id: `/roleDefinitions/${ROLES.reader}`,
            displayName: ROLES.reader,
            type: 'BuiltInRole',
          },
          principal: {
            id: USERS.subject,
            displayName: 'subject',
            email: null,
            type: 'User',
          },
        },
      },
      name: entity.id,
      id: `${ASSIGNMENT_REQUESTS.replace('roleAssignmentScheduleRequests', 'RoleAssignmentScheduleRequests')}/${entity.id}`,
      type: 'Microsoft.Authorization/RoleAssignmentScheduleRequests',
    });
  });

  it('an eligibility request is a role eligibility schedule request, and not an assignment one', async () => {
    const entity = await stored({
      assignmentState: 'Eligible',
      type: 'AdminAdd',
    });

    const asEligibility = await arm(
      `${ELIGIBILITY_REQUESTS}/${entity.id}`,
    ).get();
    const asAssignment = await arm(`${ASSIGNMENT_REQUESTS}/${entity.id}`).get();

    expect(asEligibility.status).toBe(200);
    expect(asEligibility.body.type).toBe(
      'Microsoft.Authorization/RoleEligibilityScheduleRequests',
    );
    expect(asEligibility.body.properties).toMatchObject({
      requestType: 'AdminAssign',
      targetRoleEligibilityScheduleId: null,
    });
    expect(asEligibility.body.properties).not.toHaveProperty(
      'linkedRoleEligibilityScheduleId',
    );
    expect(asAssignment.status).toBe(404);
    expect(asAssignment.body).toEqual({
      error: {
        code: 'ResourceNotFound',
        message: `The Resource '${ASSIGNMENT_REQUESTS}/${entity.id}' was not found.`,
      },
    });
  });

  it('a request is found only at its own scope; a scope no resource has is not found', async () => {
    const entity = await stored();

    const elsewhere = await arm(
      `/subscriptions/${OTHER_RESOURCE}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${entity.id}`,
    ).get();
    const nowhere = await arm(
      `/subscriptions/${randomUUID()}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${entity.id}`,
    ).get();

    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('ResourceNotFound');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('SubscriptionNotFound');
  });

  it('the Azure SDK’s double slash before the scope is the same address', async () => {
    const entity = await stored();

    const response = await arm(`/${ASSIGNMENT_REQUESTS}/${entity.id}`).get();

    expect(response.status).toBe(200);
    expect(response.body.name).toBe(entity.id);
  });

  it('another tenant finds neither the scope nor the request', async () => {
    const entity = await stored();

    const response = await arm(
      `${ASSIGNMENT_REQUESTS}/${entity.id}`,
      armUserToken(USERS.subject, { tenantId: TENANT_B }),
    ).get();

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SubscriptionNotFound');
    expect(JSON.stringify(response.body)).not.toContain(entity.id);
  });

  it('cancel through ARM: 200 without a body, Closed/Canceled through Graph, one audit record; again: RequestCannotBeCancelled', async () => {
    const entity = await stored();

    const cancelled = await arm(
      `${ASSIGNMENT_REQUESTS}/${entity.id}/cancel`,
    ).post();
    const again = await arm(
      `${ASSIGNMENT_REQUESTS}/${entity.id}/cancel`,
    ).post();
    const throughGraph = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${entity.id}`)
      .set('Authorization', `Bearer ${user(USERS.subject)}`);

    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toBe('');
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      error: {
        code: 'RequestCannotBeCancelled',
        message: 'Request is not in cancellable state.',
      },
    });
    expect(throughGraph.body.status).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
    const stored_ = await findStoredRequest(testApp.dataSource, entity.id);
    expect(stored_.subStatus).toBe('Canceled');
    const audit = await auditEventsOf(testApp.dataSource, entity.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'Cancel',
      actorId: USERS.subject,
      httpRequestId: cancelled.headers['x-ms-request-id'],
      api: 'ResourceManager',
    });
  });

  it('someone the request is not for, who administers nothing, may not cancel it: 403 AuthorizationFailed naming the action and the request', async () => {
    const entity = await stored();

    const response = await arm(
      `${ASSIGNMENT_REQUESTS}/${entity.id}/cancel`,
      armUserToken(USERS.outsider),
    ).post();

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: 'AuthorizationFailed',
        message: `The client '${USERS.outsider}' with object id '${USERS.outsider}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignmentScheduleRequests/cancel/action' over scope '${ASSIGNMENT_REQUESTS}/${entity.id}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    });
    expect(
      (await findStoredRequest(testApp.dataSource, entity.id)).subStatus,
    ).toBe('PendingApproval');
  });

  describe('rights inherited from the scopes above', () => {
    const GROUP = randomUUID();
    const GROUP_SCOPE = `${SCOPE}/resourceGroups/rg-inherited`;
    const GROUP_ROLES = { reader: randomUUID(), owner: randomUUID() };
    const GROUP_OWNER = USERS.ownerOfOtherResource;

    beforeAll(async () => {
      await testApp.app.get(SeedService).seed({
        resources: [
          {
            ...resourceRecord(TENANT_A, GROUP),
            externalId: GROUP_SCOPE,
            type: 'resourcegroup',
          },
        ],
        roleDefinitions: [
          roleDefinitionRecord(
            TENANT_A,
            GROUP_ROLES.reader,
            GROUP,
            ROLE_TEMPLATES.reader,
          ),
          roleDefinitionRecord(
            TENANT_A,
            GROUP_ROLES.owner,
            GROUP,
            ROLE_TEMPLATES.owner,
          ),
        ],
        roleAssignments: [
          assignmentRecord(TENANT_A, {
            id: randomUUID(),
            resourceId: GROUP,
            roleDefinitionId: GROUP_ROLES.owner,
            subjectId: GROUP_OWNER,
            startDateTime: '2026-01-01T00:00:00Z',
            endDateTime: null,
          }),
        ],
      });
    });

    it('an Owner of the subscription administers its resource group: cancels there through ARM and through Graph', async () => {
      const throughArm = await stored({
        resourceId: GROUP,
        roleDefinitionId: GROUP_ROLES.reader,
      });
      const throughGraph = await stored({
        resourceId: GROUP,
        roleDefinitionId: GROUP_ROLES.reader,
      });

      const armCancel = await arm(
        `${GROUP_SCOPE}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${throughArm.id}/cancel`,
        armUserToken(USERS.owner),
      ).post();
      const graphCancel = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${throughGraph.id}/cancel`)
        .set('Authorization', `Bearer ${user(USERS.owner)}`);

      expect(armCancel.status).toBe(200);
      expect(graphCancel.status).toBe(204);
      for (const { id } of [throughArm, throughGraph]) {
        expect(
          (await findStoredRequest(testApp.dataSource, id)).subStatus,
        ).toBe('Canceled');
      }
    });

    it('an Owner of the resource group does not administer the subscription above it: 403, the request untouched', async () => {
      const above = await stored();

      const refused = await arm(
        `${ASSIGNMENT_REQUESTS}/${above.id}/cancel`,
        armUserToken(GROUP_OWNER),
      ).post();
      const listed = await arm(
        ASSIGNMENT_REQUESTS,
        armUserToken(GROUP_OWNER),
      ).get();
      const listedBelow = await arm(
        `${GROUP_SCOPE}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests`,
        armUserToken(GROUP_OWNER),
      ).get();

      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('AuthorizationFailed');
      expect(
        (await findStoredRequest(testApp.dataSource, above.id)).subStatus,
      ).toBe(above.subStatus);
      expect(listed.status).toBe(403);
      expect(listedBelow.status).toBe(200);
    });
  });

  describe('lists', () => {
    it('asTarget() lists the caller’s own requests at, above and below the scope; an outsider’s is empty', async () => {
      const mine = await stored({ subjectId: USERS.outsider });
      await stored();

      const response = await arm(
        `${ASSIGNMENT_REQUESTS}?$filter=asTarget()`,
        armUserToken(USERS.outsider),
      ).get();

      expect(response.status).toBe(200);
      expect(response.body.nextLink).toBeUndefined();
      expect(namesOf(response.body)).toEqual([mine.id]);
    });

    it('without a filter only an administrator of the scope may list: 403 for others', async () => {
      const response = await arm(
        ASSIGNMENT_REQUESTS,
        armUserToken(USERS.outsider),
      ).get();

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('AuthorizationFailed');
    });

    it('pages through nextLink, which keeps the api-version and the filter', async () => {
      const subject = randomUUID();
      const many = Array.from({ length: 101 }, () =>
        aRequest({
          id: randomUUID(),
          subjectId: subject,
          requestorId: USERS.requestor,
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.reader,
        }),
      );
      await storeRequests(testApp.dataSource, ...many);

      const first = await arm(
        `${ASSIGNMENT_REQUESTS}?$filter=principalId eq '${subject}'`,
        armUserToken(USERS.owner),
      ).get();
      const next = new URL(first.body.nextLink as string);
      const second = await request(testApp.server)
        .get(`${next.pathname}${next.search}`)
        .set('Authorization', `Bearer ${armUserToken(USERS.owner)}`);

      expect(first.status).toBe(200);
      expect(first.body.value).toHaveLength(100);
      expect(next.searchParams.get('api-version')).toBe(API_VERSION);
      expect(next.searchParams.get('$filter')).toBe(
        `principalId eq '${subject}'`,
      );
      expect(second.status).toBe(200);
      expect(second.body.value).toHaveLength(1);
      expect(second.body.nextLink).toBeUndefined();
      const names = [...namesOf(first.body), ...namesOf(second.body)];
      expect(names.sort()).toEqual(many.map((item) => item.id).sort());
    });

    it('asApprover() lists the requests waiting for the caller’s approval, not their own, and no longer once cancelled', async () => {
      await arm(
        `${ELIGIBILITY_REQUESTS}/${randomUUID()}`,
        armUserToken(USERS.owner),
      ).put({
        properties: {
          roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
          principalId: USERS.futureOwner,
          requestType: 'AdminAssign',
          scheduleInfo: {
            expiration: { type: 'AfterDuration', duration: 'P30D' },
          },
        },
      });
      const name = randomUUID();
      const activated = await arm(
        `${ASSIGNMENT_REQUESTS}/${name}`,
        armUserToken(USERS.futureOwner),
      ).put({
        properties: {
          roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
          principalId: USERS.futureOwner,
          requestType: 'SelfActivate',
          scheduleInfo: {
            expiration: { type: 'AfterDuration', duration: 'PT1H' },
          },
        },
      });
      // Narrowed to this subject: other tests leave more than a page of requests waiting.
      const asApprover = (token: string, path = ASSIGNMENT_REQUESTS) =>
        arm(
          `${path}?$filter=asApprover() and principalId eq '${USERS.futureOwner}'`,
          token,
        ).get();

      const forApprover = await asApprover(armUserToken(USERS.approver));
      const forRequestor = await asApprover(armUserToken(USERS.futureOwner));
      const forOwner = await asApprover(armUserToken(USERS.owner));
      const eligibilities = await asApprover(
        armUserToken(USERS.approver),
        ELIGIBILITY_REQUESTS,
      );
      await arm(
        `${ASSIGNMENT_REQUESTS}/${name}/cancel`,
        armUserToken(USERS.futureOwner),
      ).post();
      const afterCancel = await asApprover(armUserToken(USERS.approver));

      expect(activated.body.properties.status).toBe('PendingApproval');
      expect(forApprover.status).toBe(200);
      expect(namesOf(forApprover.body)).toEqual([name]);
      expect(
        (
          forApprover.body as { value: { properties: { status: string } }[] }
        ).value.every(
          ({ properties }) => properties.status === 'PendingApproval',
        ),
      ).toBe(true);
      expect(forRequestor.status).toBe(200);
      expect(namesOf(forRequestor.body)).toEqual([]);
      expect(namesOf(forOwner.body)).toEqual([]);
      expect(namesOf(eligibilities.body)).toEqual([]);
      expect(namesOf(afterCancel.body)).not.toContain(name);
    });

    it('refuses a filter it does not apply: 400 InvalidFilter', async () => {
      const response = await arm(
        `${ASSIGNMENT_REQUESTS}?$filter=status eq 'Granted'`,
      ).get();

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidFilter');
    });
  });

  describe('create (PUT)', () => {
    const READER_ROLE = `/roleDefinitions/${ROLES.reader}`;

    function eligibilityFor(principalId: string, extra: object = {}) {
      return {
        properties: {
          roleDefinitionId: READER_ROLE,
          principalId,
          requestType: 'AdminAssign',
          scheduleInfo: {
            startDateTime: '2026-11-28T10:00:00Z',
            expiration: { type: 'AfterDuration', duration: 'P30D' },
          },
          justification: 'Quarterly access review',
          ...extra,
        },
      };
    }

    function activationOf(principalId: string) {
      return {
        properties: {
          roleDefinitionId: READER_ROLE,
          principalId,
          requestType: 'SelfActivate',
          scheduleInfo: {
            expiration: { type: 'AfterDuration', duration: 'PT2H' },
          },
          justification: 'Deployment 7',
        },
      };
    }

    it('an Owner of the scope assigns an eligibility: 201 with the request under the name given, its ticket and condition kept, the same request through Graph', async () => {
      const name = randomUUID();

      const created = await arm(
        `${ELIGIBILITY_REQUESTS}/${name}`,
        armUserToken(USERS.owner),
      ).put(
        eligibilityFor(USERS.requestor, {
          ticketInfo: { ticketNumber: 'CHG-1', ticketSystem: 'ServiceNow' },
          condition: "@Resource[Microsoft.Storage/x] StringEquals 'y'",
          conditionVersion: '2.0',
        }),
      );
      const throughGraph = await request(testApp.server)
        .get(`${REQUESTS_PATH}/${name}`)
        .set('Authorization', `Bearer ${user(USERS.owner)}`);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name,
        type: 'Microsoft.Authorization/RoleEligibilityScheduleRequests',
        properties: {
          scope: SCOPE,
          roleDefinitionId: READER_ROLE,
          principalId: USERS.requestor,
          requestType: 'AdminAssign',
          status: 'Provisioned',
          requestorId: USERS.owner,
          justification: 'Quarterly access review',
          ticketInfo: { ticketNumber: 'CHG-1', ticketSystem: 'ServiceNow' },
          condition: "@Resource[Microsoft.Storage/x] StringEquals 'y'",
          conditionVersion: '2.0',
          scheduleInfo: {
            startDateTime: '2026-11-28T10:00:00.000Z',
            expiration: { type: 'AfterDuration', duration: 'P30D' },
          },
        },
      });
      expect(throughGraph.status).toBe(200);
      expect(throughGraph.body).toMatchObject({
        id: name,
        type: 'AdminAdd',
        assignmentState: 'Eligible',
        subjectId: USERS.requestor,
        status: { status: 'Closed', subStatus: 'Provisioned' },
      });
      const audit = await auditEventsOf(testApp.dataSource, name);
      expect(audit).toMatchObject([
        {
          action: 'Create',
          httpRequestId: created.headers['x-ms-request-id'],
          api: 'ResourceManager',
        },
      ]);
      const schedule = `${SCOPE}/providers/Microsoft.Authorization/roleEligibilitySchedules/${name}`;
      expect(created.body.properties).toMatchObject({
        targetRoleEligibilityScheduleId: schedule,
        targetRoleEligibilityScheduleInstanceId: `${SCOPE}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${name}`,
      });
      const made = await arm(schedule, armUserToken(USERS.owner)).get();
      expect(made.status).toBe(200);
      expect(made.body.properties.principalId).toBe(USERS.requestor);
    });

    it('the same name again: 409 RequestNameInUse, the first request untouched', async () => {
      const name = randomUUID();
      const owner = armUserToken(USERS.owner);
      await arm(`${ELIGIBILITY_REQUESTS}/${name}`, owner).put(
        eligibilityFor(USERS.approver),
      );

      const again = await arm(`${ELIGIBILITY_REQUESTS}/${name}`, owner).put(
        eligibilityFor(USERS.reader),
      );

      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('RequestNameInUse');
      expect(
        (await findStoredRequest(testApp.dataSource, name)).subjectId,
      ).toBe(USERS.approver);
    });

    it('the subject activates the eligibility through ARM: 201 PendingApproval (the role asks an approver), cancelled through Graph, Canceled through ARM', async () => {
      await arm(
        `${ELIGIBILITY_REQUESTS}/${randomUUID()}`,
        armUserToken(USERS.owner),
      ).put(eligibilityFor(USERS.eligibleOwner));
      const name = randomUUID();
      const activator = armUserToken(USERS.eligibleOwner);

      const activated = await arm(
        `${ASSIGNMENT_REQUESTS}/${name}`,
        activator,
      ).put({
        properties: {
          roleDefinitionId: READER_ROLE,
          principalId: USERS.eligibleOwner,
          requestType: 'SelfActivate',
          scheduleInfo: {
            expiration: { type: 'AfterDuration', duration: 'PT2H' },
          },
          justification: 'Incident 42',
        },
      });
      const cancelled = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${name}/cancel`)
        .set('Authorization', `Bearer ${user(USERS.eligibleOwner)}`);
      const read = await arm(`${ASSIGNMENT_REQUESTS}/${name}`, activator).get();

      expect(activated.status).toBe(201);
      expect(activated.body.properties).toMatchObject({
        requestType: 'SelfActivate',
        status: 'PendingApproval',
      });
      expect(cancelled.status).toBe(204);
      expect(read.body.properties.status).toBe('Canceled');
    });

    it('a service principal activates its own eligibility with an application token: 201 SelfActivate, its object id the requestor', async () => {
      const servicePrincipal = randomUUID();
      await testApp.app.get(SeedService).seed({
        subjects: [
          {
            id: servicePrincipal,
            tenantId: TENANT_A,
            type: 'ServicePrincipal',
            displayName: 'deploy-pipeline',
          },
        ],
      });
      await arm(
        `${ELIGIBILITY_REQUESTS}/${randomUUID()}`,
        armUserToken(USERS.owner),
      ).put(eligibilityFor(servicePrincipal));
      const name = randomUUID();

      const activated = await arm(
        `${ASSIGNMENT_REQUESTS}/${name}`,
        armAppToken(servicePrincipal),
      ).put(activationOf(servicePrincipal));
      const forAnother = await arm(
        `${ASSIGNMENT_REQUESTS}/${randomUUID()}`,
        armAppToken(servicePrincipal),
      ).put(activationOf(USERS.eligibleOwner));

      expect(activated.status).toBe(201);
      expect(activated.body.properties).toMatchObject({
        requestType: 'SelfActivate',
        principalId: servicePrincipal,
        principalType: 'ServicePrincipal',
        requestorId: servicePrincipal,
      });
      expect(
        (await findStoredRequest(testApp.dataSource, name)).requestorId,
      ).toBe(servicePrincipal);
      expect(forAnother.status).toBe(403);
      expect(forAnother.body.error.code).toBe('AuthorizationFailed');
    });

    describe('validate', () => {
      it('answers 200 with the request a PUT would create, and writes nothing', async () => {
        const name = randomUUID();

        const validated = await arm(
          `${ELIGIBILITY_REQUESTS}/${name}/validate`,
          armUserToken(USERS.owner),
        )
          .post()
          .send(eligibilityFor(USERS.outsider));

        expect(validated.status).toBe(200);
        expect(validated.body).toMatchObject({
          name,
          type: 'Microsoft.Authorization/RoleEligibilityScheduleRequests',
          properties: {
            principalId: USERS.outsider,
            requestType: 'AdminAssign',
            status: 'Provisioned',
            requestorId: USERS.owner,
          },
        });
        expect(await storedRequestsWithId(testApp.dataSource, name)).toEqual(
          [],
        );
        expect(await auditEventsOf(testApp.dataSource, name)).toEqual([]);
        const read = await arm(
          `${ELIGIBILITY_REQUESTS}/${name}`,
          armUserToken(USERS.owner),
        ).get();
        expect(read.status).toBe(404);
      });

      it('refuses what the PUT would refuse, with the same error: a rule broken, a name in use, a caller who may not ask', async () => {
        const owner = armUserToken(USERS.owner);
        const taken = randomUUID();
        await arm(`${ELIGIBILITY_REQUESTS}/${taken}`, owner).put(
          eligibilityFor(USERS.userAccessAdministrator),
        );

        const nameInUse = await arm(
          `${ELIGIBILITY_REQUESTS}/${taken}/validate`,
          owner,
        )
          .post()
          .send(eligibilityFor(USERS.reader));
        const outsider = await arm(
          `${ELIGIBILITY_REQUESTS}/${randomUUID()}/validate`,
          armUserToken(USERS.outsider),
        )
          .post()
          .send(eligibilityFor(USERS.reader));
        const badBody = await arm(
          `${ELIGIBILITY_REQUESTS}/${randomUUID()}/validate`,
          owner,
        )
          .post()
          .send({ properties: { principalId: 'x' } });

        const ruleBroken = await arm(
          `${ASSIGNMENT_REQUESTS}/${randomUUID()}/validate`,
          armUserToken(USERS.eligibleOwner),
        )
          .post()
          .send({
            properties: {
              ...activationOf(USERS.eligibleOwner).properties,
              roleDefinitionId: `/roleDefinitions/${ROLES.owner}`,
              justification: '',
            },
          });

        expect(ruleBroken.status).toBe(400);
        expect(ruleBroken.body.error.code).toBe(
          'RoleAssignmentRequestPolicyValidationFailed',
        );
        expect(nameInUse.status).toBe(409);
        expect(nameInUse.body.error.code).toBe('RequestNameInUse');
        expect(outsider.status).toBe(403);
        expect(outsider.body.error.message).toContain(
          'Microsoft.Authorization/roleEligibilityScheduleRequests/validate/action',
        );
        expect(badBody.status).toBe(400);
        expect(badBody.body.error.code).toBe('InvalidRequestContent');
      });
    });

    it('someone who administers nothing may not assign: 403 AuthorizationFailed for the write', async () => {
      const name = randomUUID();

      const response = await arm(
        `${ELIGIBILITY_REQUESTS}/${name}`,
        armUserToken(USERS.outsider),
      ).put(eligibilityFor(USERS.reader));

      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        `'Microsoft.Authorization/roleEligibilityScheduleRequests/write' over scope '${ELIGIBILITY_REQUESTS}/${name}'`,
      );
    });

    it.each([
      ['a body that is not valid', { properties: { principalId: 'x' } }],
      [
        'a requestType ARM does not have',
        eligibilityFor(USERS.reader, { requestType: 'AdminAdd' }),
      ],
      ['no body', undefined],
    ])('%s: 400 InvalidRequestContent', async (_case, body) => {
      const response = await arm(
        `${ELIGIBILITY_REQUESTS}/${randomUUID()}`,
        armUserToken(USERS.owner),
      ).put(body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidRequestContent');
    });

    it('a name that is not a GUID, or a role the scope does not have: 400', async () => {
      const owner = armUserToken(USERS.owner);

      const badName = await arm(
        `${ELIGIBILITY_REQUESTS}/not-a-guid`,
        owner,
      ).put(eligibilityFor(USERS.reader));
      const badRole = await arm(
        `${ELIGIBILITY_REQUESTS}/${randomUUID()}`,
        owner,
      ).put(
        eligibilityFor(USERS.reader, {
          roleDefinitionId: `/roleDefinitions/${randomUUID()}`,
        }),
      );

      expect(badName.status).toBe(400);
      expect(badName.body.error.code).toBe('InvalidRequestContent');
      expect(badRole.status).toBe(400);
      expect(badRole.body.error.code).toBe('RoleDefinitionDoesNotExist');
    });
  });

  it('an injected fault on a Resource Manager address answers in ARM’s envelope, with its Retry-After, and the call history keeps the address as sent', async () => {
    const entity = await stored();
    const path = `${ASSIGNMENT_REQUESTS}/${entity.id}`;
    const injected = await request(testApp.server)
      .post('/_emulator/faults')
      .set('Authorization', `Bearer ${user(USERS.owner)}`)
      .send({
        status: 429,
        count: 1,
        method: 'GET',
        path,
        retryAfterSeconds: 7,
      });

    const refused = await arm(path).get();
    const history = await request(testApp.server)
      .get('/_emulator/requests')
      .set('Authorization', `Bearer ${user(USERS.owner)}`);

    expect(injected.status).toBe(201);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.headers['x-ms-request-id']).toBeDefined();
    expect(Object.keys(refused.body.error as object).sort()).toEqual([
      'code',
      'message',
    ]);
    expect(
      (history.body.value as { url: string }[]).map((call) => call.url),
    ).toContain(`${path}?api-version=${API_VERSION}`);
  });
});
