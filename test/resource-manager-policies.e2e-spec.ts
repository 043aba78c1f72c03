import { isRestError } from '@azure/core-rest-pipeline';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { RoleSettingAuditEventEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting-audit-event.entity.js';
import { RoleSettingEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting.entity.js';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  authorizationDirectory,
  OTHER_RESOURCE,
  RESOURCE,
  ROLE_SETTINGS,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import { ROLE_TEMPLATES } from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import { azureSdkClientOf } from './support/azure-sdk.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import { armUserToken, TENANT_A, TENANT_B } from './support/tokens.js';

const API_VERSION = '2020-10-01';
const SCOPE = `/subscriptions/${RESOURCE}`;
const PROVIDER = `${SCOPE}/providers/Microsoft.Authorization`;
const POLICIES = `${PROVIDER}/roleManagementPolicies`;
const POLICY_ASSIGNMENTS = `${PROVIDER}/roleManagementPolicyAssignments`;
const ROLE_SETTINGS_PATH = '/beta/privilegedAccess/azureResources/roleSettings';
/** The User Access Administrator role's setting: one no other test changes, for the SDK's. */
const UAA_SETTING = fixtureId('e0000000', 4);

const roleDefinitionIdOf = (template: string) =>
  `${PROVIDER}/roleDefinitions/${template}`;
const target = (caller: string, level: string) => ({
  caller,
  operations: ['All'],
  level,
  targetObjects: null,
  inheritableSettings: null,
  enforcedSettings: null,
});
const justificationForAdmins = {
  id: 'Enablement_Admin_Assignment',
  ruleType: 'RoleManagementPolicyEnablementRule',
  target: target('Admin', 'Assignment'),
  enabledRules: ['Justification'],
};

interface ArmRule {
  id: string;
  [property: string]: unknown;
}
/** The names of a list's items. */
const namesOf = (page: { body: { value: { name: string }[] } }) =>
  page.body.value.map(({ name }) => name);
const ruleOf = (policy: { properties: { rules: ArmRule[] } }, id: string) =>
  policy.properties.rules.find((rule) => rule.id === id);

/**
 * Role management policies and their assignments: the stored role settings in Resource
 * Manager's shape, read and changed through the same domain as Graph's roleSettings.
 */
describe('Resource Manager role management policies over the role settings', () => {
  let testApp: TestApp;
  /** The app's certificate, which the Azure SDK's client trusts through its agent. */
  let ca: string;

  beforeAll(async () => {
    const certificate = await writeDevelopmentCertificate(
      mkdtempSync(path.join(tmpdir(), 'pim-arm-policies-')),
    );
    testApp = await startTestApp({
      TLS_CERT_FILE: certificate.certFile,
      TLS_KEY_FILE: certificate.keyFile,
    });
    ca = readFileSync(certificate.certFile, 'utf8');
    const directory = authorizationDirectory();
    await testApp.app.get(SeedService).seed({
      ...directory,
      roleSettings: [
        ...directory.roleSettings,
        {
          id: UAA_SETTING,
          tenantId: TENANT_A,
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.userAccessAdministrator,
          isDefault: true,
        },
      ],
    });
  });
  afterAll(() => testApp.close());

  /** supertest, over the app's HTTPS, trusting its certificate. */
  function https() {
    const client = request(testApp.server);
    return {
      get: (url: string) => client.get(url).ca(ca),
      patch: (url: string) => client.patch(url).ca(ca),
      put: (url: string) => client.put(url).ca(ca),
    };
  }

  function arm(address: string, token = armUserToken(USERS.outsider)) {
    const separator = address.includes('?') ? '&' : '?';
    const url = `${address}${separator}api-version=${API_VERSION}`;
    return {
      get: () => https().get(url).set('Authorization', `Bearer ${token}`),
      patch: (body: unknown) =>
        https()
          .patch(url)
          .set('Authorization', `Bearer ${token}`)
          .send(body as object),
    };
  }

  const patchRules = (name: string, rules: object[], token: string) =>
    arm(`${POLICIES}/${name}`, token).patch({ properties: { rules } });

  const throughGraph = (id: string) =>
    https()
      .get(`${ROLE_SETTINGS_PATH}/${id}`)
      .set('Authorization', `Bearer ${user(USERS.outsider)}`);

  const storedSetting = (id: string) =>
    testApp.dataSource
      .getRepository(RoleSettingEntity)
      .findOneByOrFail({ tenantId: TENANT_A, id });

  describe('roleManagementPolicies', () => {
    it("lists the policies of the scope's resource, one a role, for anyone of the tenant", async () => {
      const response = await arm(POLICIES).get();

      expect(response.status).toBe(200);
      expect(response.headers['x-ms-request-id']).toEqual(expect.any(String));
      expect(response.body.nextLink).toBeUndefined();
      expect(namesOf(response).sort()).toEqual(
        [ROLE_SETTINGS.reader, ROLE_SETTINGS.owner, UAA_SETTING].sort(),
      );
    });

    it("gets one by its name, the setting's id: its rules read from the setting's lists", async () => {
      const response = await arm(`${POLICIES}/${ROLE_SETTINGS.owner}`).get();

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: `${POLICIES}/${ROLE_SETTINGS.owner}`,
        name: ROLE_SETTINGS.owner,
        type: 'Microsoft.Authorization/RoleManagementPolicies',
        properties: {
          scope: SCOPE,
          displayName: null,
          description: null,
          isOrganizationDefault: false,
          lastModifiedBy: null,
          lastModifiedDateTime: null,
          policyProperties: {
            scope: { id: SCOPE, displayName: RESOURCE, type: 'subscription' },
          },
        },
      });
      expect(response.body.properties.rules).toHaveLength(17);
      expect(response.body.properties.effectiveRules).toEqual(
        response.body.properties.rules,
      );
      expect(ruleOf(response.body, 'Expiration_EndUser_Assignment')).toEqual({
        id: 'Expiration_EndUser_Assignment',
        ruleType: 'RoleManagementPolicyExpirationRule',
        target: target('EndUser', 'Assignment'),
        isExpirationRequired: true,
        maximumDuration: 'PT8H',
      });
      expect(
        ruleOf(response.body, 'Enablement_EndUser_Assignment'),
      ).toMatchObject({
        enabledRules: ['MultiFactorAuthentication', 'Justification'],
      });
      expect(
        ruleOf(response.body, 'Approval_EndUser_Assignment'),
      ).toMatchObject({
        setting: {
          isApprovalRequired: true,
          approvalStages: [
            {
              primaryApprovers: [
                {
                  id: USERS.owner,
                  description: null,
                  isBackup: false,
                  userType: 'User',
                },
              ],
            },
          ],
        },
      });
      expect(
        ruleOf(response.body, 'Expiration_Admin_Eligibility'),
      ).toMatchObject({ isExpirationRequired: false, maximumDuration: null });
    });

    it('a name not at this scope, not a GUID or unknown is 404 ResourceNotFound; a scope no resource has, SubscriptionNotFound', async () => {
      const elsewhere = await arm(
        `${POLICIES}/${ROLE_SETTINGS.ownerOfOther}`,
      ).get();
      const notAGuid = await arm(`${POLICIES}/owner`).get();
      const unknown = randomUUID();
      const missing = await arm(`${POLICIES}/${unknown}`).get();
      const noScope = await arm(
        `/subscriptions/${randomUUID()}/providers/Microsoft.Authorization/roleManagementPolicies`,
      ).get();

      expect(elsewhere.status).toBe(404);
      expect(notAGuid.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({
        error: {
          code: 'ResourceNotFound',
          message: `The Resource '${POLICIES}/${unknown}' was not found.`,
        },
      });
      expect(noScope.status).toBe(404);
      expect(noScope.body.error.code).toBe('SubscriptionNotFound');
    });

    it('filters by roleDefinitionId, known by the GUID that ends it; refuses any other filter', async () => {
      const atScope = await arm(
        `${POLICIES}?$filter=roleDefinitionId eq '${roleDefinitionIdOf(ROLE_TEMPLATES.reader)}'`,
      ).get();
      const asWritten = await arm(
        `${POLICIES}?$filter=roleDefinitionId eq '/providers/Microsoft.Authorization/roleDefinitions/${ROLE_TEMPLATES.owner.toUpperCase()}'`,
      ).get();
      const noSuchRole = await arm(
        `${POLICIES}?$filter=roleDefinitionId eq '${roleDefinitionIdOf(randomUUID())}'`,
      ).get();
      const other = await arm(`${POLICIES}?$filter=atScope()`).get();

      expect(atScope.status).toBe(200);
      expect(namesOf(atScope)).toEqual([ROLE_SETTINGS.reader]);
      expect(namesOf(asWritten)).toEqual([ROLE_SETTINGS.owner]);
      expect(noSuchRole.body).toEqual({ value: [] });
      expect(other.status).toBe(400);
      expect(other.body.error.code).toBe('InvalidFilter');
    });

    it('pages through nextLink, the api-version and filter kept', async () => {
      const settings = Array.from({ length: 101 }, (_each, index) => ({
        id: fixtureId('f0000000', index + 1),
        tenantId: TENANT_A,
        resourceId: OTHER_RESOURCE,
        roleDefinitionId: ROLES.ownerOfOther,
        isDefault: false,
        lastUpdatedDateTime: null,
        lastUpdatedBy: null,
        adminEligibleSettings: [],
        adminMemberSettings: [],
        userEligibleSettings: [],
        userMemberSettings: [],
      }));
      await testApp.dataSource
        .getRepository(RoleSettingEntity)
        .insert(settings);
      const otherPolicies = `/subscriptions/${OTHER_RESOURCE}/providers/Microsoft.Authorization/roleManagementPolicies`;

      const first = await arm(otherPolicies).get();
      const next = new URL(first.body.nextLink as string);
      const second = await https()
        .get(`${next.pathname}${next.search}`)
        .set('Authorization', `Bearer ${armUserToken(USERS.outsider)}`);

      expect(first.status).toBe(200);
      expect(first.body.value).toHaveLength(100);
      expect(next.searchParams.get('api-version')).toBe(API_VERSION);
      expect(second.status).toBe(200);
      expect(second.body.nextLink).toBeUndefined();
      expect(
        [...first.body.value, ...second.body.value].map(
          ({ name }: { name: string }) => name,
        ),
      ).toEqual(
        [ROLE_SETTINGS.ownerOfOther, ...settings.map(({ id }) => id)].sort(),
      );
    });

    it('another tenant finds no such scope, nor its policies', async () => {
      const otherTenant = armUserToken(USERS.owner, { tenantId: TENANT_B });

      const list = await arm(POLICIES, otherTenant).get();
      const one = await arm(
        `${POLICIES}/${ROLE_SETTINGS.owner}`,
        otherTenant,
      ).get();
      const patched = await patchRules(
        ROLE_SETTINGS.owner,
        [justificationForAdmins],
        otherTenant,
      );

      for (const response of [list, one, patched]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('SubscriptionNotFound');
      }
      expect(
        (await storedSetting(ROLE_SETTINGS.owner)).adminMemberSettings,
      ).toEqual([]);
    });
  });

  describe('PATCH of a policy', () => {
    it('an Owner of the resource requires a justification of admins: 200 with the policy, seen by Graph, recorded as a Resource Manager call, and the next admin request without one is refused', async () => {
      const owner = armUserToken(USERS.owner);

      const response = await patchRules(
        ROLE_SETTINGS.reader,
        [justificationForAdmins],
        owner,
      );

      expect(response.status).toBe(200);
      expect(response.body.name).toBe(ROLE_SETTINGS.reader);
      expect(ruleOf(response.body, 'Enablement_Admin_Assignment')).toEqual(
        justificationForAdmins,
      );
      expect(response.body.properties).toMatchObject({
        lastModifiedBy: {
          id: USERS.owner,
          displayName: 'owner',
          type: 'User',
          email: null,
        },
        lastModifiedDateTime: expect.any(String),
      });
      const graph = await throughGraph(ROLE_SETTINGS.reader);
      expect(graph.status).toBe(200);
      expect(graph.body.adminMemberSettings).toEqual([
        { ruleIdentifier: 'JustificationRule', setting: '{"required":true}' },
      ]);
      expect(graph.body.lastUpdatedBy).toBe(USERS.owner);
      // The other lists, and the approval rule of the setting's activations, stay.
      expect(graph.body.userMemberSettings).toEqual([
        {
          ruleIdentifier: 'ApprovalRule',
          setting: JSON.stringify({
            Enabled: true,
            Approvers: [{ Id: USERS.approver }],
          }),
        },
      ]);
      const [audit] = await testApp.dataSource
        .getRepository(RoleSettingAuditEventEntity)
        .find({
          where: { tenantId: TENANT_A, roleSettingId: ROLE_SETTINGS.reader },
        });
      expect(audit).toMatchObject({
        actorId: USERS.owner,
        actorType: 'User',
        api: 'ResourceManager',
        httpRequestId: response.headers['x-ms-request-id'],
      });
      expect(audit.after.adminMemberSettings).toEqual(
        graph.body.adminMemberSettings,
      );

      const assignment = (justification?: string) => ({
        properties: {
          roleDefinitionId: `/roleDefinitions/${ROLES.reader}`,
          principalId: USERS.outsider,
          requestType: 'AdminAssign',
          scheduleInfo: {
            startDateTime: TEST_NOW.toISOString(),
            expiration: { type: 'AfterDuration', duration: 'P30D' },
          },
          ...(justification !== undefined && { justification }),
        },
      });
      const requests = `${PROVIDER}/roleAssignmentScheduleRequests`;
      const refused = await https()
        .put(`${requests}/${randomUUID()}?api-version=${API_VERSION}`)
        .set('Authorization', `Bearer ${owner}`)
        .send(assignment());
      const granted = await https()
        .put(`${requests}/${randomUUID()}?api-version=${API_VERSION}`)
        .set('Authorization', `Bearer ${owner}`)
        .send(assignment('Audit support'));

      expect(refused.status).toBe(400);
      expect(refused.body.error).toEqual({
        code: 'RoleAssignmentRequestPolicyValidationFailed',
        message: 'The following policy rules failed: ["JustificationRule"]',
      });
      expect(granted.status).toBe(201);
    });

    it("a change through Graph is the policy's through Resource Manager", async () => {
      const graphPatch = await https()
        .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTINGS.owner}`)
        .set('Authorization', `Bearer ${user(USERS.owner)}`)
        .send({
          adminEligibleSettings: [
            {
              ruleIdentifier: 'ExpirationRule',
              setting:
                '{"permanentAssignment":true,"maximumGrantPeriodInMinutes":259200}',
            },
          ],
        });

      const policy = await arm(`${POLICIES}/${ROLE_SETTINGS.owner}`).get();

      expect(graphPatch.status).toBe(204);
      expect(ruleOf(policy.body, 'Expiration_Admin_Eligibility')).toMatchObject(
        {
          isExpirationRequired: false,
          maximumDuration: 'P180D',
        },
      );
    });

    it('is refused to anyone who does not hold an active Owner or User Access Administrator assignment on the resource: 403 AuthorizationFailed, nothing changed', async () => {
      const before = await storedSetting(ROLE_SETTINGS.owner);

      for (const caller of [
        USERS.reader,
        USERS.eligibleOwner,
        USERS.formerOwner,
        USERS.ownerOfOtherResource,
      ]) {
        const response = await patchRules(
          ROLE_SETTINGS.owner,
          [justificationForAdmins],
          armUserToken(caller),
        );

        expect(response.status).toBe(403);
        expect(response.body).toEqual({
          error: {
            code: 'AuthorizationFailed',
            message: `The client '${caller}' with object id '${caller}' does not have authorization to perform action 'Microsoft.Authorization/roleManagementPolicies/write' over scope '${POLICIES}/${ROLE_SETTINGS.owner}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
          },
        });
      }
      expect(await storedSetting(ROLE_SETTINGS.owner)).toEqual(before);
    });

    it('refuses a body it cannot keep whole with 400 InvalidRequestContent naming the problem, and changes nothing', async () => {
      const owner = armUserToken(USERS.owner);
      const before = await storedSetting(ROLE_SETTINGS.owner);

      const cases: [body: unknown, problem: string][] = [
        [{}, 'body.properties'],
        [{ properties: {} }, 'body.properties.rules'],
        [
          { properties: { rules: [{ id: 'Expiration_Admin_Assignment' }] } },
          'body.properties.rules[0].ruleType',
        ],
        [
          {
            properties: {
              rules: [
                {
                  id: 'Expiration_Admin_Assignment',
                  ruleType: 'RoleManagementPolicyExpirationRule',
                  isExpirationRequired: true,
                  maximumDuration: 'eight hours',
                },
              ],
            },
          },
          'body.properties.rules[0].maximumDuration',
        ],
        [
          {
            properties: {
              rules: [
                {
                  id: 'Enablement_EndUser_Assignment',
                  ruleType: 'RoleManagementPolicyEnablementRule',
                  enabledRules: ['Justification', 'Ticketing'],
                },
              ],
            },
          },
          "properties.rules[0].enabledRules: 'Ticketing' cannot be required",
        ],
        [
          {
            properties: {
              rules: [
                {
                  id: 'Notification_Admin_EndUser_Assignment',
                  ruleType: 'RoleManagementPolicyNotificationRule',
                  notificationRecipients: ['secops@contoso.example'],
                },
              ],
            },
          },
          'properties.rules[0].notificationRecipients: the service does not store it',
        ],
        [
          {
            properties: {
              rules: [
                {
                  id: 'Expiration_EndUser_Eligibility',
                  ruleType: 'RoleManagementPolicyExpirationRule',
                  isExpirationRequired: true,
                  maximumDuration: 'PT8H',
                },
              ],
            },
          },
          "properties.rules[0].id: 'Expiration_EndUser_Eligibility' is not a rule",
        ],
      ];
      for (const [body, problem] of cases) {
        const response = await arm(
          `${POLICIES}/${ROLE_SETTINGS.owner}`,
          owner,
        ).patch(body);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('InvalidRequestContent');
        expect(response.body.error.message).toContain(problem);
      }
      const notJson = await https()
        .patch(`${POLICIES}/${ROLE_SETTINGS.owner}?api-version=${API_VERSION}`)
        .set('Authorization', `Bearer ${owner}`)
        .set('Content-Type', 'application/json')
        .send('{"properties":');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.code).toEqual(expect.any(String));
      expect(await storedSetting(ROLE_SETTINGS.owner)).toEqual(before);
    });

    it('a name it does not know at this scope is 404 ResourceNotFound, even for an Owner', async () => {
      const response = await patchRules(
        ROLE_SETTINGS.ownerOfOther,
        [justificationForAdmins],
        armUserToken(USERS.owner),
      );

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ResourceNotFound');
    });
  });

  describe('roleManagementPolicyAssignments', () => {
    const ownerAssignment = `${ROLE_SETTINGS.owner}_${ROLE_TEMPLATES.owner}`;

    it('lists, gets by `{policy}_{role}` and filters the assignment of each policy to its role', async () => {
      const list = await arm(POLICY_ASSIGNMENTS).get();
      const one = await arm(`${POLICY_ASSIGNMENTS}/${ownerAssignment}`).get();
      const filtered = await arm(
        `${POLICY_ASSIGNMENTS}?$filter=roleDefinitionId eq '${roleDefinitionIdOf(ROLE_TEMPLATES.owner)}'`,
      ).get();
      const policy = await arm(`${POLICIES}/${ROLE_SETTINGS.owner}`).get();

      expect(list.status).toBe(200);
      expect(namesOf(list).sort()).toEqual(
        [
          ownerAssignment,
          `${ROLE_SETTINGS.reader}_${ROLE_TEMPLATES.reader}`,
          `${UAA_SETTING}_${ROLE_TEMPLATES.userAccessAdministrator}`,
        ].sort(),
      );
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        id: `${POLICY_ASSIGNMENTS}/${ownerAssignment}`,
        name: ownerAssignment,
        type: 'Microsoft.Authorization/RoleManagementPolicyAssignment',
        properties: {
          scope: SCOPE,
          roleDefinitionId: roleDefinitionIdOf(ROLE_TEMPLATES.owner),
          policyId: `${POLICIES}/${ROLE_SETTINGS.owner}`,
          effectiveRules: policy.body.properties.rules,
          policyAssignmentProperties: {
            scope: { id: SCOPE, displayName: RESOURCE, type: 'subscription' },
            roleDefinition: {
              id: roleDefinitionIdOf(ROLE_TEMPLATES.owner),
              displayName: ROLES.owner,
              type: 'BuiltInRole',
            },
            policy: {
              id: `${POLICIES}/${ROLE_SETTINGS.owner}`,
              lastModifiedBy: policy.body.properties.lastModifiedBy,
              lastModifiedDateTime: policy.body.properties.lastModifiedDateTime,
            },
          },
        },
      });
      expect(namesOf(filtered)).toEqual([ownerAssignment]);
    });

    it("a name whose role is not its policy's, or not of two parts, is 404 ResourceNotFound", async () => {
      const wrongRole = await arm(
        `${POLICY_ASSIGNMENTS}/${ROLE_SETTINGS.owner}_${ROLE_TEMPLATES.reader}`,
      ).get();
      const onePart = await arm(
        `${POLICY_ASSIGNMENTS}/${ROLE_SETTINGS.owner}`,
      ).get();

      for (const response of [wrongRole, onePart]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('ResourceNotFound');
      }
    });

    it('refuses a filter other than roleDefinitionId', async () => {
      const response = await arm(
        `${POLICY_ASSIGNMENTS}?$filter=principalId eq '${USERS.owner}'`,
      ).get();

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('InvalidFilter');
    });
  });

  describe('the Azure SDK (@azure/arm-authorization) over HTTPS', () => {
    function clientOf(objectId: string, agent: Agent) {
      return azureSdkClientOf(objectId, {
        endpoint: testApp.baseUrl,
        subscriptionId: RESOURCE,
        agent,
      });
    }

    it('gets a policy, updates it with the rules it read and one changed, and a non-administrator is refused with RestError 403', async () => {
      const agent = new Agent({ ca });
      try {
        const owner = clientOf(USERS.owner, agent);
        const read = await owner.roleManagementPolicies.get(SCOPE, UAA_SETTING);
        const rules = (read.rules ?? []).map((rule) =>
          rule.id === 'Expiration_EndUser_Assignment'
            ? { ...rule, isExpirationRequired: true, maximumDuration: 'PT4H' }
            : rule,
        );

        const updated = await owner.roleManagementPolicies.update(
          SCOPE,
          UAA_SETTING,
          { rules },
        );
        const refusal = await clientOf(USERS.reader, agent)
          .roleManagementPolicies.update(SCOPE, UAA_SETTING, { rules })
          .catch((error: unknown) => error);

        expect(read.isOrganizationDefault).toBe(true);
        expect(
          updated.rules?.find(
            ({ id }) => id === 'Expiration_EndUser_Assignment',
          ),
        ).toMatchObject({
          isExpirationRequired: true,
          maximumDuration: 'PT4H',
        });
        expect(updated.lastModifiedDateTime).toBeInstanceOf(Date);
        expect((await storedSetting(UAA_SETTING)).userMemberSettings).toEqual([
          {
            ruleIdentifier: 'ExpirationRule',
            setting:
              '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":240}',
          },
        ]);
        expect(isRestError(refusal)).toBe(true);
        expect(refusal).toMatchObject({
          statusCode: 403,
          code: 'AuthorizationFailed',
        });
      } finally {
        agent.destroy();
      }
    });
  });
});
