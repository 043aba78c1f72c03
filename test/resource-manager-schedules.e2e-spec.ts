import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { isRestError } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import {
  authorizationDirectory,
  OTHER_RESOURCE,
  RESOURCE,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import { REQUESTS_PATH } from './support/requests.js';
import { TEST_NOW } from './support/test-clock.js';
import { azureSdkClientOf } from './support/azure-sdk.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { armUserToken, TENANT_A, TENANT_B } from './support/tokens.js';

const API_VERSION = '2020-10-01';
const SCOPE = `/subscriptions/${RESOURCE}`;
const RESOURCE_GROUP = fixtureId('a1000000', 1);
const RG_SCOPE = `${SCOPE}/resourceGroups/rg-schedules`;
const RG_READER = fixtureId('b1000000', 1);
const PEOPLE = {
  alice: fixtureId('c1000000', 1),
  team: fixtureId('c1000000', 2),
  armActivator: fixtureId('c1000000', 3),
  graphActivator: fixtureId('c1000000', 4),
  pager: fixtureId('c1000000', 5),
};
/** The stored assignments the schedules are read from, named by what they are. */
const ASSIGNMENTS = {
  aliceEligible: fixtureId('d1000000', 1),
  aliceActivation: fixtureId('d1000000', 2),
  aliceEligibleBelow: fixtureId('d1000000', 3),
  aliceEnded: fixtureId('d1000000', 4),
  teamEligibleElsewhere: fixtureId('d1000000', 5),
  graphActivatorEligible: fixtureId('d1000000', 6),
  tenantBEligible: fixtureId('d1000000', 9),
};
// The directory's own assignments at SCOPE (test/support/authorization-directory.ts).
const DIRECTORY = {
  owner: fixtureId('d0000000', 1),
  eligibleOwner: fixtureId('d0000000', 5),
  formerOwner: fixtureId('d0000000', 6),
  futureOwner: fixtureId('d0000000', 7),
};

/** An instant `days` from the test clock's start, as ARM writes it. */
const fromNow = (days: number) =>
  new Date(TEST_NOW.getTime() + days * 86_400_000).toISOString();

function collection(name: string, scope = SCOPE): string {
  return `${scope}/providers/Microsoft.Authorization/${name}`;
}

/** Tenant A's schedules on top of the authorization directory, and tenant B's one. */
function schedulesDirectory() {
  const assignment = (
    id: string,
    fields: { resourceId?: string; roleDefinitionId?: string } & Record<
      string,
      unknown
    >,
    tenantId = TENANT_A,
  ) =>
    assignmentRecord(tenantId, {
      id,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
      subjectId: PEOPLE.alice,
      assignmentState: 'Eligible',
      ...fields,
    });
  return {
    resources: [
      {
        ...resourceRecord(TENANT_A, RESOURCE_GROUP),
        externalId: RG_SCOPE,
        type: 'resourcegroup',
        displayName: 'rg-schedules',
        parentId: RESOURCE,
      },
      resourceRecord(TENANT_B, RESOURCE),
    ],
    roleDefinitions: [
      roleDefinitionRecord(
        TENANT_A,
        RG_READER,
        RESOURCE_GROUP,
        ROLE_TEMPLATES.reader,
      ),
      roleDefinitionRecord(
        TENANT_B,
        ROLES.reader,
        RESOURCE,
        ROLE_TEMPLATES.reader,
      ),
    ],
    subjects: [
      {
        ...userRecord(TENANT_A, PEOPLE.alice, 'alice'),
        email: 'alice@contoso.example',
      },
      {
        id: PEOPLE.team,
        tenantId: TENANT_A,
        type: 'Group',
        displayName: 'team',
      },
      userRecord(TENANT_A, PEOPLE.armActivator, 'arm activator'),
      userRecord(TENANT_A, PEOPLE.graphActivator, 'graph activator'),
      userRecord(TENANT_A, PEOPLE.pager, 'pager'),
      userRecord(TENANT_B, PEOPLE.alice, 'fabrikam alice'),
    ],
    roleAssignments: [
      assignment(ASSIGNMENTS.aliceEligible, {
        startDateTime: fromNow(-30),
        endDateTime: fromNow(335),
      }),
      assignment(ASSIGNMENTS.aliceActivation, {
        assignmentState: 'Active',
        linkedEligibleRoleAssignmentId: ASSIGNMENTS.aliceEligible,
        externalId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${ASSIGNMENTS.aliceActivation}`,
        startDateTime: fromNow(-0.25),
        endDateTime: fromNow(0.25),
      }),
      assignment(ASSIGNMENTS.aliceEligibleBelow, {
        resourceId: RESOURCE_GROUP,
        roleDefinitionId: RG_READER,
        startDateTime: fromNow(-1),
        endDateTime: null,
      }),
      assignment(ASSIGNMENTS.aliceEnded, {
        startDateTime: fromNow(-60),
        endDateTime: fromNow(-1),
      }),
      assignment(ASSIGNMENTS.teamEligibleElsewhere, {
        resourceId: OTHER_RESOURCE,
        roleDefinitionId: ROLES.ownerOfOther,
        subjectId: PEOPLE.team,
        memberType: 'Group',
      }),
      assignment(ASSIGNMENTS.graphActivatorEligible, {
        roleDefinitionId: ROLES.userAccessAdministrator,
        subjectId: PEOPLE.graphActivator,
      }),
      assignment(ASSIGNMENTS.tenantBEligible, {}, TENANT_B),
    ],
  };
}

describe('Resource Manager schedules and schedule instances over the stored assignments', () => {
  let testApp: TestApp;
  let agent: Agent;
  let ca: string;

  beforeAll(async () => {
    // Over HTTPS, for the Azure SDK's client at the end (it sends bearer tokens over TLS only).
    const certificate = await writeDevelopmentCertificate(
      mkdtempSync(path.join(tmpdir(), 'pim-arm-schedules-')),
    );
    testApp = await startSeededTestApp(
      [authorizationDirectory(), schedulesDirectory()],
      {
        TLS_CERT_FILE: certificate.certFile,
        TLS_KEY_FILE: certificate.keyFile,
      },
    );
    ca = readFileSync(certificate.certFile, 'utf8');
    agent = new Agent({ ca });
  });
  afterAll(async () => {
    agent.destroy();
    await testApp.close();
  });

  function get(address: string, objectId: string = PEOPLE.alice) {
    return getWith(address, armUserToken(objectId));
  }

  function getWith(address: string, token: string) {
    const separator = address.includes('?') ? '&' : '?';
    return request(testApp.server)
      .get(`${address}${separator}api-version=${API_VERSION}`)
      .ca(ca)
      .set('Authorization', `Bearer ${token}`);
  }

  function namesOf(page: unknown): string[] {
    return (page as { value: { name: string }[] }).value.map(
      (item) => item.name,
    );
  }

  const aliceExpanded = {
    scope: { id: SCOPE, displayName: RESOURCE, type: 'subscription' },
    roleDefinition: {
      id: `/roleDefinitions/${ROLES.reader}`,
      displayName: ROLES.reader,
      type: 'BuiltInRole',
    },
    principal: {
      id: PEOPLE.alice,
      displayName: 'alice',
      email: 'alice@contoso.example',
      type: 'User',
    },
  };

  describe('GET one by name', () => {
    it('a role eligibility schedule: the eligible assignment in ARM’s shape, with ARM’s headers', async () => {
      const response = await get(
        `${collection('roleEligibilitySchedules')}/${ASSIGNMENTS.aliceEligible}`,
      );

      expect(response.status).toBe(200);
      expect(response.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-ms-correlation-request-id']).toBe(
        response.headers['x-ms-request-id'],
      );
      expect(response.body).toEqual({
        properties: {
          scope: SCOPE,
          roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
          principalId: PEOPLE.alice,
          principalType: 'User',
          roleEligibilityScheduleRequestId: null,
          memberType: 'Direct',
          status: 'Provisioned',
          startDateTime: fromNow(-30),
          endDateTime: fromNow(335),
          condition: null,
          conditionVersion: null,
          createdOn: null,
          updatedOn: null,
          expandedProperties: aliceExpanded,
        },
        name: ASSIGNMENTS.aliceEligible,
        id: `${SCOPE}/providers/Microsoft.Authorization/RoleEligibilitySchedules/${ASSIGNMENTS.aliceEligible}`,
        type: 'Microsoft.Authorization/RoleEligibilitySchedules',
      });
    });

    it('a role assignment schedule instance: the activation, Activated, pointing at its schedule, its role assignment and the eligibility it came of', async () => {
      const response = await get(
        `${collection('roleAssignmentScheduleInstances')}/${ASSIGNMENTS.aliceActivation}`,
        USERS.owner,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        properties: {
          scope: SCOPE,
          roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
          principalId: PEOPLE.alice,
          principalType: 'User',
          roleAssignmentScheduleId: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentSchedules/${ASSIGNMENTS.aliceActivation}`,
          originRoleAssignmentId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${ASSIGNMENTS.aliceActivation}`,
          status: 'Provisioned',
          startDateTime: fromNow(-0.25),
          endDateTime: fromNow(0.25),
          linkedRoleEligibilityScheduleId: ASSIGNMENTS.aliceEligible,
          linkedRoleEligibilityScheduleInstanceId: ASSIGNMENTS.aliceEligible,
          assignmentType: 'Activated',
          memberType: 'Direct',
          condition: null,
          conditionVersion: null,
          createdOn: null,
          expandedProperties: aliceExpanded,
        },
        name: ASSIGNMENTS.aliceActivation,
        id: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/${ASSIGNMENTS.aliceActivation}`,
        type: 'Microsoft.Authorization/RoleAssignmentScheduleInstances',
      });
    });

    it('a role assignment schedule and a role eligibility schedule instance: the same assignments in those shapes; an assignment given directly is Assigned', async () => {
      const schedule = await get(
        `${collection('roleAssignmentSchedules')}/${ASSIGNMENTS.aliceActivation}`,
      );
      const instance = await get(
        `${collection('roleEligibilityScheduleInstances')}/${ASSIGNMENTS.aliceEligible}`,
      );
      const direct = await get(
        `${collection('roleAssignmentSchedules')}/${DIRECTORY.owner}`,
        USERS.owner,
      );

      expect(schedule.status).toBe(200);
      expect(schedule.body).toMatchObject({
        name: ASSIGNMENTS.aliceActivation,
        type: 'Microsoft.Authorization/RoleAssignmentSchedules',
        properties: {
          roleAssignmentScheduleRequestId: null,
          linkedRoleEligibilityScheduleId: ASSIGNMENTS.aliceEligible,
          assignmentType: 'Activated',
          updatedOn: null,
        },
      });
      expect(instance.status).toBe(200);
      expect(instance.body).toMatchObject({
        name: ASSIGNMENTS.aliceEligible,
        type: 'Microsoft.Authorization/RoleEligibilityScheduleInstances',
        properties: {
          roleEligibilityScheduleId: `${SCOPE}/providers/Microsoft.Authorization/RoleEligibilitySchedules/${ASSIGNMENTS.aliceEligible}`,
          startDateTime: fromNow(-30),
        },
      });
      expect(direct.body.properties).toMatchObject({
        principalId: USERS.owner,
        assignmentType: 'Assigned',
        linkedRoleEligibilityScheduleId: null,
        endDateTime: null,
      });
    });

    it.each([
      ['roleAssignmentSchedules', ASSIGNMENTS.aliceEligible],
      ['roleAssignmentScheduleInstances', ASSIGNMENTS.aliceEligible],
      ['roleEligibilitySchedules', ASSIGNMENTS.aliceActivation],
      ['roleEligibilityScheduleInstances', ASSIGNMENTS.aliceActivation],
    ])(
      '%s holds only its kind: a schedule of the other kind is not found there',
      async (kind, name) => {
        const response = await get(`${collection(kind)}/${name}`);

        expect(response.status).toBe(404);
        expect(response.body).toEqual({
          error: {
            code: 'ResourceNotFound',
            message: `The Resource '${collection(kind)}/${name}' was not found.`,
          },
        });
      },
    );

    it('a schedule is found at its own scope only: neither above nor beside it, nor at the root', async () => {
      const below = ASSIGNMENTS.aliceEligibleBelow;
      const atItsScope = await get(
        `${collection('roleEligibilitySchedules', RG_SCOPE)}/${below}`,
      );
      const fromAbove = await get(
        `${collection('roleEligibilitySchedules')}/${below}`,
      );
      const beside = await get(
        `${collection('roleEligibilitySchedules', `/subscriptions/${OTHER_RESOURCE}`)}/${ASSIGNMENTS.aliceEligible}`,
      );
      const atTheRoot = await get(
        `/providers/Microsoft.Authorization/roleEligibilitySchedules/${ASSIGNMENTS.aliceEligible}`,
      );

      expect(atItsScope.status).toBe(200);
      expect(atItsScope.body.properties.scope).toBe(RG_SCOPE);
      for (const response of [fromAbove, beside, atTheRoot]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('ResourceNotFound');
      }
    });

    it('a scope no resource has: ARM’s 404 for that kind of scope', async () => {
      const subscription = randomUUID();

      const noSubscription = await get(
        `${collection('roleEligibilitySchedules', `/subscriptions/${subscription}`)}/${ASSIGNMENTS.aliceEligible}`,
      );
      const noGroup = await get(
        `${collection('roleAssignmentSchedules', `${SCOPE}/resourceGroups/nowhere`)}/${ASSIGNMENTS.aliceActivation}`,
      );

      expect(noSubscription.status).toBe(404);
      expect(noSubscription.body).toEqual({
        error: {
          code: 'SubscriptionNotFound',
          message: `The subscription '${subscription}' could not be found.`,
        },
      });
      expect(noGroup.status).toBe(404);
      expect(noGroup.body.error.code).toBe('ResourceGroupNotFound');
    });

    it.each([
      ['an ended assignment', ASSIGNMENTS.aliceEnded],
      ['an unknown name', randomUUID()],
      ['a name that is not a GUID', 'not-a-guid'],
    ])('%s is no schedule: 404 ResourceNotFound', async (_case, name) => {
      const response = await get(
        `${collection('roleEligibilitySchedules')}/${name}`,
      );

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ResourceNotFound');
    });

    it.each([
      ['its principal', 200, PEOPLE.alice],
      ['an Owner of its resource', 200, USERS.owner],
      [
        'a User Access Administrator of its resource',
        200,
        USERS.userAccessAdministrator,
      ],
      ['someone else', 403, USERS.outsider],
      ['an Owner of another resource', 403, USERS.ownerOfOtherResource],
      ['an Owner only eligible', 403, USERS.eligibleOwner],
      ['an Owner whose assignment ended', 403, USERS.formerOwner],
      ['an Owner whose assignment has not started', 403, USERS.futureOwner],
    ])('read by %s: %i', async (_who, status, objectId) => {
      const response = await get(
        `${collection('roleEligibilitySchedules')}/${ASSIGNMENTS.aliceEligible}`,
        objectId,
      );

      expect(response.status).toBe(status);
    });

    it('a refusal is ARM’s AuthorizationFailed naming the read, and shows nothing of the schedule', async () => {
      const address = `${collection('roleAssignmentScheduleInstances')}/${ASSIGNMENTS.aliceActivation}`;

      const response = await get(address, USERS.outsider);

      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        error: {
          code: 'AuthorizationFailed',
          message: `The client '${USERS.outsider}' with object id '${USERS.outsider}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignmentScheduleInstances/read' over scope '${address}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
        },
      });
    });
  });

  describe('lists', () => {
    it('asTarget(): the caller’s own, at, above and below the scope, and at the root everywhere; not those that ended', async () => {
      const atScope = await get(
        `${collection('roleEligibilitySchedules')}?$filter=asTarget()`,
      );
      const atTheRoot = await get(
        `/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$filter=asTarget()`,
      );
      const active = await get(
        `${collection('roleAssignmentSchedules')}?$filter=asTarget()`,
      );

      expect(atScope.status).toBe(200);
      expect(atScope.body.nextLink).toBeUndefined();
      expect(namesOf(atScope.body)).toEqual([
        ASSIGNMENTS.aliceEligible,
        ASSIGNMENTS.aliceEligibleBelow,
      ]);
      expect(atTheRoot.status).toBe(200);
      expect(namesOf(atTheRoot.body)).toEqual([
        ASSIGNMENTS.aliceEligible,
        ASSIGNMENTS.aliceEligibleBelow,
      ]);
      expect(atTheRoot.body.value[0].type).toBe(
        'Microsoft.Authorization/RoleEligibilityScheduleInstances',
      );
      expect(namesOf(active.body)).toEqual([ASSIGNMENTS.aliceActivation]);
    });

    it('atScope(): at the scope and above it, not below', async () => {
      const atTheGroup = await get(
        `${collection('roleEligibilitySchedules', RG_SCOPE)}?$filter=atScope() and asTarget()`,
      );
      const atTheSubscription = await get(
        `${collection('roleEligibilitySchedules')}?$filter=(atScope()) and (asTarget())`,
      );

      expect(namesOf(atTheGroup.body)).toEqual([
        ASSIGNMENTS.aliceEligible,
        ASSIGNMENTS.aliceEligibleBelow,
      ]);
      expect(namesOf(atTheSubscription.body)).toEqual([
        ASSIGNMENTS.aliceEligible,
      ]);
    });

    it('principalId eq: one principal’s, for an administrator of the scope or that principal', async () => {
      const byOwner = await get(
        `${collection('roleEligibilitySchedules')}?$filter=principalId eq '${PEOPLE.alice.toUpperCase()}'`,
        USERS.owner,
      );
      const byHerself = await get(
        `${collection('roleEligibilitySchedules')}?$filter=atScope() and principalId eq '${PEOPLE.alice}'`,
      );

      expect(byOwner.status).toBe(200);
      expect(namesOf(byOwner.body)).toEqual([
        ASSIGNMENTS.aliceEligible,
        ASSIGNMENTS.aliceEligibleBelow,
      ]);
      expect(namesOf(byHerself.body)).toEqual([ASSIGNMENTS.aliceEligible]);
    });

    it('without a filter an administrator of the scope lists every schedule at, above and below it that has not ended', async () => {
      const eligible = await get(
        collection('roleEligibilitySchedules'),
        USERS.userAccessAdministrator,
      );
      const active = await get(
        collection('roleAssignmentScheduleInstances'),
        USERS.owner,
      );

      expect(eligible.status).toBe(200);
      expect(namesOf(eligible.body)).toEqual(
        expect.arrayContaining([
          DIRECTORY.eligibleOwner,
          ASSIGNMENTS.aliceEligible,
          ASSIGNMENTS.aliceEligibleBelow,
        ]),
      );
      expect(namesOf(eligible.body)).not.toContain(ASSIGNMENTS.aliceEnded);
      expect(namesOf(eligible.body)).not.toContain(
        ASSIGNMENTS.teamEligibleElsewhere,
      );
      expect(namesOf(active.body)).toEqual(
        expect.arrayContaining([
          DIRECTORY.owner,
          DIRECTORY.futureOwner,
          ASSIGNMENTS.aliceActivation,
        ]),
      );
      expect(namesOf(active.body)).not.toContain(DIRECTORY.formerOwner);
      expect(namesOf(active.body)).not.toContain(DIRECTORY.eligibleOwner);
    });

    it('a group’s schedule elsewhere is listed there for its administrators, with its member type', async () => {
      const response = await get(
        `${collection('roleEligibilitySchedules', `/subscriptions/${OTHER_RESOURCE}`)}?$filter=atScope()`,
        USERS.ownerOfOtherResource,
      );

      expect(response.status).toBe(200);
      expect(response.body.value).toHaveLength(1);
      expect(response.body.value[0]).toMatchObject({
        name: ASSIGNMENTS.teamEligibleElsewhere,
        properties: {
          principalId: PEOPLE.team,
          principalType: 'Group',
          memberType: 'Group',
        },
      });
    });

    it.each([
      ['someone who administers nothing, without a filter', USERS.outsider, ''],
      [
        'someone who administers nothing, for another principal',
        USERS.outsider,
        `?$filter=principalId eq '${PEOPLE.alice}'`,
      ],
      ['an Owner of another resource', USERS.ownerOfOtherResource, ''],
      ['an Owner only eligible', USERS.eligibleOwner, ''],
    ])(
      '%s: 403 AuthorizationFailed naming the read of the collection',
      async (_who, objectId, filter) => {
        const response = await get(
          `${collection('roleEligibilitySchedules')}${filter}`,
          objectId,
        );

        expect(response.status).toBe(403);
        expect(response.body).toEqual({
          error: {
            code: 'AuthorizationFailed',
            message: `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action 'Microsoft.Authorization/roleEligibilitySchedules/read' over scope '${collection('roleEligibilitySchedules')}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
          },
        });
      },
    );

    it('at the root, where no one administers, only one’s own may be listed', async () => {
      const response = await get(
        '/providers/Microsoft.Authorization/roleAssignmentSchedules',
        USERS.owner,
      );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('AuthorizationFailed');
    });

    it.each([
      `status eq 'Provisioned'`,
      `assignedTo('${PEOPLE.alice}')`,
      'asRequestor()',
      `roleDefinitionId eq '/roleDefinitions/${ROLES.reader}'`,
    ])(
      'refuses a filter it does not apply (%s): 400 InvalidFilter',
      async (filter) => {
        const response = await get(
          `${collection('roleAssignmentSchedules')}?$filter=${filter}`,
        );

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('InvalidFilter');
        expect(Object.keys(response.body.error as object).sort()).toEqual([
          'code',
          'message',
        ]);
      },
    );

    it('pages through nextLink, which keeps the api-version and the filter', async () => {
      const many = Array.from({ length: 101 }, (): RoleAssignmentEntity => ({
        tenantId: TENANT_A,
        id: randomUUID(),
        resourceId: RESOURCE,
        roleDefinitionId: ROLES.reader,
        subjectId: PEOPLE.pager,
        linkedEligibleRoleAssignmentId: null,
        externalId: `/roleAssignments/${randomUUID()}`,
        startDateTime: new Date(fromNow(-1)),
        endDateTime: new Date(fromNow(30)),
        assignmentState: 'Eligible',
        memberType: 'Direct',
        status: 'Provisioned',
      }));
      await testApp.dataSource.getRepository(RoleAssignmentEntity).insert(many);
      const filter = `principalId eq '${PEOPLE.pager}'`;

      const first = await get(
        `${collection('roleEligibilityScheduleInstances')}?$filter=${filter}`,
        USERS.owner,
      );
      const next = new URL(first.body.nextLink as string);
      const second = await request(testApp.server)
        .get(`${next.pathname}${next.search}`)
        .ca(ca)
        .set('Authorization', `Bearer ${armUserToken(USERS.owner)}`);

      expect(first.status).toBe(200);
      expect(first.body.value).toHaveLength(100);
      expect(next.searchParams.get('api-version')).toBe(API_VERSION);
      expect(next.searchParams.get('$filter')).toBe(filter);
      expect(second.status).toBe(200);
      expect(second.body.value).toHaveLength(1);
      expect(second.body.nextLink).toBeUndefined();
      expect([...namesOf(first.body), ...namesOf(second.body)]).toEqual(
        many.map((assignment) => assignment.id).sort(),
      );
    });

    it('answers only its api-version', async () => {
      const response = await request(testApp.server)
        .get(`${collection('roleEligibilitySchedules')}?api-version=2022-04-01`)
        .ca(ca)
        .set('Authorization', `Bearer ${armUserToken(PEOPLE.alice)}`);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidApiVersionParameter');
    });
  });

  describe('tenants', () => {
    it('another tenant’s schedules at the same ARM id are its own: neither listed nor found for this one', async () => {
      const inTenantB = await getWith(
        `${collection('roleEligibilitySchedules')}?$filter=asTarget()`,
        armUserToken(PEOPLE.alice, { tenantId: TENANT_B }),
      );
      const inTenantA = await get(
        `${collection('roleEligibilitySchedules')}?$filter=asTarget()`,
      );
      const ownerOfA = await get(
        collection('roleEligibilitySchedules'),
        USERS.owner,
      );
      const readFromA = await get(
        `${collection('roleEligibilitySchedules')}/${ASSIGNMENTS.tenantBEligible}`,
      );

      expect(inTenantB.status).toBe(200);
      expect(namesOf(inTenantB.body)).toEqual([ASSIGNMENTS.tenantBEligible]);
      expect(
        inTenantB.body.value[0].properties.expandedProperties.principal,
      ).toMatchObject({ displayName: 'fabrikam alice' });
      expect(namesOf(inTenantA.body)).not.toContain(
        ASSIGNMENTS.tenantBEligible,
      );
      expect(namesOf(ownerOfA.body)).not.toContain(ASSIGNMENTS.tenantBEligible);
      expect(readFromA.status).toBe(404);
    });

    it('a scope only another tenant has is not found', async () => {
      const response = await getWith(
        `${collection('roleEligibilitySchedules', RG_SCOPE)}?$filter=asTarget()`,
        armUserToken(PEOPLE.alice, { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ResourceGroupNotFound');
      expect(JSON.stringify(response.body)).not.toContain(
        ASSIGNMENTS.aliceEligibleBelow,
      );
    });
  });

  describe('schedules that requests made', () => {
    it('an eligibility assigned through ARM is a role eligibility schedule, and activating it through ARM makes an Activated role assignment schedule', async () => {
      const eligibilityName = randomUUID();
      const activationName = randomUUID();
      const put = (address: string, objectId: string, body: object) =>
        request(testApp.server)
          .put(`${address}?api-version=${API_VERSION}`)
          .ca(ca)
          .set('Authorization', `Bearer ${armUserToken(objectId)}`)
          .send(body);

      const assigned = await put(
        `${collection('roleEligibilityScheduleRequests')}/${eligibilityName}`,
        USERS.owner,
        {
          properties: {
            roleDefinitionId: `/roleDefinitions/${ROLES.userAccessAdministrator}`,
            principalId: PEOPLE.armActivator,
            requestType: 'AdminAssign',
            scheduleInfo: {
              startDateTime: fromNow(0),
              expiration: { type: 'AfterDuration', duration: 'P30D' },
            },
          },
        },
      );
      const eligibility = await get(
        `${collection('roleEligibilitySchedules')}/${eligibilityName}`,
        PEOPLE.armActivator,
      );
      const activated = await put(
        `${collection('roleAssignmentScheduleRequests')}/${activationName}`,
        PEOPLE.armActivator,
        {
          properties: {
            roleDefinitionId: `/roleDefinitions/${ROLES.userAccessAdministrator}`,
            principalId: PEOPLE.armActivator,
            requestType: 'SelfActivate',
            linkedRoleEligibilityScheduleId: eligibility.body.id,
            scheduleInfo: {
              expiration: { type: 'AfterDuration', duration: 'PT2H' },
            },
            justification: 'Incident 42',
          },
        },
      );
      const activation = await get(
        `${collection('roleAssignmentSchedules')}/${activationName}`,
        PEOPLE.armActivator,
      );

      expect(assigned.status).toBe(201);
      expect(eligibility.status).toBe(200);
      expect(eligibility.body.properties).toMatchObject({
        principalId: PEOPLE.armActivator,
        roleDefinitionId: `/roleDefinitions/${ROLES.userAccessAdministrator}`,
        status: 'Provisioned',
        startDateTime: fromNow(0),
        endDateTime: fromNow(30),
      });
      expect(activated.status).toBe(201);
      expect(activated.body.properties.status).toBe('Provisioned');
      expect(activation.status).toBe(200);
      expect(activation.body.properties).toMatchObject({
        principalId: PEOPLE.armActivator,
        assignmentType: 'Activated',
        linkedRoleEligibilityScheduleId: eligibilityName,
        status: 'Provisioned',
      });
      const { startDateTime, endDateTime } = activation.body.properties as {
        startDateTime: string;
        endDateTime: string;
      };
      expect(Date.parse(endDateTime) - Date.parse(startDateTime)).toBe(
        2 * 3_600_000,
      );
    });

    it('an activation through Graph is a role assignment schedule instance of its principal', async () => {
      const activated = await request(testApp.server)
        .post(REQUESTS_PATH)
        .ca(ca)
        .set('Authorization', `Bearer ${user(PEOPLE.graphActivator)}`)
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            resourceId: RESOURCE,
            roleDefinitionId: ROLES.userAccessAdministrator,
            subjectId: PEOPLE.graphActivator,
            assignmentState: 'Active',
            type: 'UserAdd',
            reason: 'Incident 43',
            linkedEligibleRoleAssignmentId: ASSIGNMENTS.graphActivatorEligible,
            schedule: { duration: 'PT1H' },
          }),
        );

      const instances = await get(
        `${collection('roleAssignmentScheduleInstances')}?$filter=asTarget()`,
        PEOPLE.graphActivator,
      );

      expect(activated.status).toBe(201);
      expect(activated.body.status.subStatus).toBe('Provisioned');
      expect(instances.status).toBe(200);
      expect(instances.body.value).toHaveLength(1);
      expect(instances.body.value[0]).toMatchObject({
        name: activated.body.id,
        properties: {
          scope: SCOPE,
          principalId: PEOPLE.graphActivator,
          assignmentType: 'Activated',
          linkedRoleEligibilityScheduleId: ASSIGNMENTS.graphActivatorEligible,
          linkedRoleEligibilityScheduleInstanceId:
            ASSIGNMENTS.graphActivatorEligible,
          roleAssignmentScheduleId: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentSchedules/${activated.body.id}`,
        },
      });
    });
  });

  describe('the Azure SDK (@azure/arm-authorization)', () => {
    function clientOf(objectId: string): AuthorizationManagementClient {
      return azureSdkClientOf(objectId, {
        endpoint: testApp.baseUrl,
        subscriptionId: RESOURCE,
        agent,
      });
    }

    it('lists a user’s eligibility schedules with listForScope and reads one with get', async () => {
      const client = clientOf(PEOPLE.alice);

      const listed: string[] = [];
      for await (const schedule of client.roleEligibilitySchedules.listForScope(
        SCOPE,
        { filter: 'asTarget()' },
      )) {
        listed.push(schedule.name ?? '');
      }
      const one = await client.roleEligibilitySchedules.get(
        SCOPE,
        ASSIGNMENTS.aliceEligible,
      );
      const instance = await client.roleAssignmentScheduleInstances.get(
        SCOPE,
        ASSIGNMENTS.aliceActivation,
      );

      expect(listed).toEqual([
        ASSIGNMENTS.aliceEligible,
        ASSIGNMENTS.aliceEligibleBelow,
      ]);
      expect(one).toMatchObject({
        name: ASSIGNMENTS.aliceEligible,
        principalId: PEOPLE.alice,
        principalType: 'User',
        memberType: 'Direct',
        status: 'Provisioned',
        scope: SCOPE,
        expandedProperties: { principal: { displayName: 'alice' } },
      });
      expect(one.endDateTime).toEqual(new Date(fromNow(335)));
      expect(instance).toMatchObject({
        assignmentType: 'Activated',
        linkedRoleEligibilityScheduleId: ASSIGNMENTS.aliceEligible,
      });
    });

    it('a refusal reaches the client as a RestError: AuthorizationFailed for an outsider', async () => {
      const refusal = await clientOf(USERS.outsider)
        .roleEligibilitySchedules.get(SCOPE, ASSIGNMENTS.aliceEligible)
        .then(
          () => undefined,
          (error: unknown) => error,
        );

      expect(isRestError(refusal)).toBe(true);
      expect(refusal).toMatchObject({
        statusCode: 403,
        code: 'AuthorizationFailed',
      });
    });
  });
});
