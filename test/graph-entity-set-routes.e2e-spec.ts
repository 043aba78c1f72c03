import request from 'supertest';
import { SeedService } from '../src/seeding/seed.service.js';
import { type GraphSdks, startTestAppWithSdks } from './support/graph-sdks.js';
import {
  REQUEST_OF_A,
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  ROLE_SETTING,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import type { TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const PROVIDER = '/beta/privilegedAccess/azureResources';
const UNKNOWN = '99999999-0000-4000-8000-000000000000';

/** Each top-level entity set, its collection in the provider, one of tenant A's ids and a navigation. */
const SETS = [
  ['governanceResources', 'resources', RESOURCE(1), 'parent'],
  [
    'governanceRoleDefinitions',
    'roleDefinitions',
    ROLE_DEFINITION(4),
    'resource',
  ],
  ['governanceRoleSettings', 'roleSettings', ROLE_SETTING(5), 'roleDefinition'],
  [
    'governanceRoleAssignments',
    'roleAssignments',
    ROLE_ASSIGNMENT(5),
    'subject',
  ],
  [
    'governanceRoleAssignmentRequests',
    'roleAssignmentRequests',
    REQUEST_OF_A(1),
    'roleDefinition',
  ],
] as const;

/** The two-level navigations Kiota's builders call, from both sets that have them. */
const TWO_LEVELS = [
  [
    'roleAssignments',
    ROLE_ASSIGNMENT(5),
    'roleDefinition/resource',
    'governanceResources',
    RESOURCE(0),
  ],
  [
    'roleAssignments',
    ROLE_ASSIGNMENT(5),
    'roleDefinition/roleSetting',
    'governanceRoleSettings',
    ROLE_SETTING(1),
  ],
  [
    'roleAssignmentRequests',
    REQUEST_OF_A(1),
    'roleDefinition/resource',
    'governanceResources',
    RESOURCE(0),
  ],
  [
    'roleAssignmentRequests',
    REQUEST_OF_A(1),
    'roleDefinition/roleSetting',
    'governanceRoleSettings',
    ROLE_SETTING(1),
  ],
] as const;

const TOP_LEVEL: Record<string, string> = Object.fromEntries(
  SETS.map(([set, collection]) => [collection, `/beta/${set}`]),
);

describe('Graph entity sets at their top-level paths, privilegedAccess, two-level navigations', () => {
  let testApp: TestApp;
  let sdks: GraphSdks;

  beforeAll(async () => {
    ({ testApp, sdks } = await startTestAppWithSdks(() => userToken()));
    const seeds = testApp.app.get(SeedService);
    await seeds.seed(tenantAFixture());
    await seeds.seed(tenantBFixture());
  });
  afterAll(() => testApp.close());

  // The app serves HTTPS for the SDKs, with a certificate of its own.
  function anonymousGet(path: string) {
    return request(testApp.server).get(path).disableTLSCerts();
  }

  function get(path: string, token = userToken()) {
    return anonymousGet(path).set('Authorization', `Bearer ${token}`);
  }

  function contextOf(fragment: string): string {
    return `${testApp.baseUrl}/beta/$metadata#${fragment}`;
  }

  describe('the top-level sets', () => {
    it.each(SETS)(
      '/beta/%s lists what …/%s lists, with the same options',
      async (set, collection) => {
        const query = '?$orderby=id desc&$top=3&$count=true';
        const topLevel = await get(`/beta/${set}${query}`);
        const provided = await get(`${PROVIDER}/${collection}${query}`);

        expect(topLevel.status).toBe(200);
        expect(topLevel.body['@odata.context']).toBe(contextOf(set));
        expect(topLevel.body.value).toHaveLength(3);
        expect(topLevel.body.value).toEqual(provided.body.value);
        expect(topLevel.body['@odata.count']).toBe(
          provided.body['@odata.count'],
        );
        expect(topLevel.body['@odata.nextLink']).toContain(`/beta/${set}?`);
      },
    );

    it.each(SETS)(
      '/beta/%s/$count counts as the list does',
      async (set, collection) => {
        const count = await get(`/beta/${set}/$count`);
        const provided = await get(`${PROVIDER}/${collection}/$count`);

        expect(count.status).toBe(200);
        expect(count.headers['content-type']).toMatch(/^text\/plain/);
        expect(count.text).toBe(provided.text);
      },
    );

    it.each(SETS.filter(([set]) => set !== 'governanceRoleAssignmentRequests'))(
      '/beta/%s/{id} answers the item as …/%s/{id} does',
      async (set, collection, id) => {
        const item = await get(`/beta/${set}/${id}?$select=id`);
        const provided = await get(
          `${PROVIDER}/${collection}/${id}?$select=id`,
        );

        expect(item.status).toBe(200);
        expect(item.body).toEqual({
          '@odata.context': contextOf(`${set}/$entity`),
          id,
        });
        expect(provided.body.id).toBe(id);
      },
    );

    it.each(SETS)(
      '/beta/%s/{id}/<navigation> answers the related entity',
      async (set, collection, id, navigation) => {
        const related = await get(`/beta/${set}/${id}/${navigation}`);
        const provided = await get(
          `${PROVIDER}/${collection}/${id}/${navigation}`,
        );

        expect(related.status).toBe(200);
        expect(related.body).toEqual(provided.body);
      },
    );

    it('lists, counts and reads the items of a resource below /beta/governanceResources', async () => {
      const list = await get(
        `/beta/governanceResources/${RESOURCE(1)}/roleDefinitions`,
      );
      const count = await get(
        `/beta/governanceResources/${RESOURCE(1)}/roleDefinitions/$count`,
      );
      const item = await get(
        `/beta/governanceResources/${RESOURCE(1)}/roleDefinitions/${ROLE_DEFINITION(4)}`,
      );
      const elsewhere = await get(
        `/beta/governanceResources/${RESOURCE(0)}/roleDefinitions/${ROLE_DEFINITION(4)}`,
      );

      expect(list.status).toBe(200);
      expect(
        (list.body.value as { id: string }[]).map((entity) => entity.id),
      ).toEqual([ROLE_DEFINITION(4), ROLE_DEFINITION(5), ROLE_DEFINITION(6)]);
      expect(count.text).toBe('3');
      expect(item.body.id).toBe(ROLE_DEFINITION(4));
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.error.code).toBe('RoleDefinitionNotFound');
    });

    it('serves the subjects at /beta/governanceSubjects, each tenant its own', async () => {
      const list = await get('/beta/governanceSubjects?$select=displayName');
      const ofB = await get(
        '/beta/governanceSubjects/$count',
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );
      const item = await get(`/beta/governanceSubjects/${SUBJECT(2)}`);

      expect(list.status).toBe(200);
      expect(list.body.value).toEqual([
        { displayName: 'adele vance' },
        { displayName: 'ben walters' },
        { displayName: 'chloe ortiz' },
        { displayName: 'operators' },
      ]);
      expect(ofB.text).toBe('2');
      expect(item.body).toMatchObject({ id: SUBJECT(2), type: 'User' });
    });

    it('answers another tenant’s id as not found, never its data', async () => {
      // Tenant B has role definitions 0 and 1 only.
      const response = await get(
        `/beta/governanceRoleDefinitions/${ROLE_DEFINITION(4)}`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );
      const sameId = await get(
        `/beta/governanceRoleDefinitions/${ROLE_DEFINITION(0)}`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The governanceRoleDefinition does not exist in system.',
      );
      expect(sameId.body.displayName).toBe('fabrikam owner 0');
    });

    it('answers an unknown subject with its not-found error', async () => {
      const response = await get(`/beta/governanceSubjects/${UNKNOWN}`);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('SubjectNotFound');
    });

    it('needs a token and the permission', async () => {
      const anonymous = await anonymousGet('/beta/governanceResources');
      const withoutPermission = await get(
        '/beta/governanceResources',
        userToken(['User.Read']),
      );

      expect(anonymous.status).toBe(401);
      expect(withoutPermission.status).toBe(403);
    });
  });

  describe('two-level navigations', () => {
    it.each(TWO_LEVELS)(
      '…/%s/{id}/%s answers the %s entity, at both paths',
      async (collection, id, path, set, relatedId) => {
        for (const root of [
          `${PROVIDER}/${collection}`,
          TOP_LEVEL[collection],
        ]) {
          const response = await get(`${root}/${id}/${path}`);

          expect(response.status).toBe(200);
          expect(response.body['@odata.context']).toBe(
            contextOf(`${set}/$entity`),
          );
          expect(response.body.id).toBe(relatedId);
        }
      },
    );

    it('answers as the expanded entity’s own GET does, key for key', async () => {
      const related = await get(
        `${PROVIDER}/roleAssignments/${ROLE_ASSIGNMENT(5)}/roleDefinition/roleSetting`,
      );
      const direct = await get(`${PROVIDER}/roleSettings/${ROLE_SETTING(1)}`);

      expect(related.body).toEqual(direct.body);
    });

    it('follows every second step the first one’s set allows', async () => {
      const response = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(5)}/linkedEligibleRoleAssignment/subject`,
      );

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(SUBJECT(1));
    });

    it('answers 404 where the second step leads nowhere', async () => {
      // Role assignment 0 is on resource 0, which has no parent.
      const response = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(0)}/resource/parent`,
      );

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'ResourceNotFound',
        message: 'The governanceResource has no parent.',
      });
    });

    it('answers 404 where the first step leads nowhere', async () => {
      // Assignment 0 is eligible: no linked eligible assignment.
      const response = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(0)}/linkedEligibleRoleAssignment/resource`,
      );

      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        'The governanceRoleAssignment has no linkedEligibleRoleAssignment.',
      );
    });

    it('answers an unknown id with the set’s not-found error', async () => {
      const response = await get(
        `/beta/governanceRoleAssignments/${UNKNOWN}/roleDefinition/resource`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('RoleAssignmentNotFound');
    });

    it('never follows into another tenant: tenant B’s id is not found, its own data shown', async () => {
      const tenantB = userToken([READ_WRITE], { tenantId: TENANT_B });
      const unknownInB = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(5)}/roleDefinition/resource`,
        tenantB,
      );
      const ownOfB = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(1)}/roleDefinition/resource`,
        tenantB,
      );

      expect(unknownInB.status).toBe(400);
      expect(unknownInB.body.error.code).toBe('RoleAssignmentNotFound');
      expect(ownOfB.status).toBe(200);
      expect(ownOfB.body.displayName).toBe('fabrikam contoso production');
    });

    it('answers a second step the set does not have as an unknown segment', async () => {
      const response = await get(
        `/beta/governanceRoleAssignments/${ROLE_ASSIGNMENT(5)}/subject/resource`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        "Resource not found for the segment 'resource'.",
      );
    });

    it('is what Kiota’s builder calls, without withUrl', async () => {
      const resource = await sdks.kiota.governanceRoleAssignments
        .byGovernanceRoleAssignmentId(ROLE_ASSIGNMENT(5))
        .roleDefinition.resource.get();

      expect(resource?.id).toBe(RESOURCE(0));
      expect(resource?.displayName).toBe('contoso production');
    });
  });

  describe('$filter=resourceId on one item', () => {
    it.each([
      ['roleDefinitions', ROLE_DEFINITION(4)],
      ['roleAssignments', ROLE_ASSIGNMENT(5)],
    ])('finds the %s item of the resource named', async (collection, id) => {
      for (const root of [`${PROVIDER}/${collection}`, TOP_LEVEL[collection]]) {
        const response = await get(
          `${root}/${id}?$filter=${encodeURIComponent(`resourceId eq '${RESOURCE(1)}'`)}`,
        );
        const direct = await get(`${root}/${id}`);

        expect(response.status).toBe(200);
        expect(response.body).toEqual(direct.body);
      }
    });

    it('does not find it under another resource', async () => {
      const response = await get(
        `${PROVIDER}/roleDefinitions/${ROLE_DEFINITION(4)}?$filter=resourceId eq '${RESOURCE(0)}'`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'RoleDefinitionNotFound',
        message: 'The governanceRoleDefinition does not exist in system.',
      });
    });

    it('answers an unknown resource with its not-found error', async () => {
      const response = await get(
        `${PROVIDER}/roleAssignments/${ROLE_ASSIGNMENT(5)}?$filter=resourceId eq '${UNKNOWN}'`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The governanceResource does not exist in system.',
      );
    });

    it('takes $select with it', async () => {
      const response = await get(
        `${PROVIDER}/roleDefinitions/${ROLE_DEFINITION(4)}?$filter=resourceId eq '${RESOURCE(1)}'&$select=displayName`,
      );

      expect(response.body).toEqual({
        '@odata.context': contextOf('governanceRoleDefinitions/$entity'),
        displayName: 'owner 4',
      });
    });

    it.each([
      `resourceId ne '${RESOURCE(1)}'`,
      `displayName eq 'owner 4'`,
      `resourceId eq '${RESOURCE(1)}' and displayName eq 'owner 4'`,
    ])('refuses any other filter: %s', async (filter) => {
      const response = await get(
        `${PROVIDER}/roleDefinitions/${ROLE_DEFINITION(4)}?$filter=${encodeURIComponent(filter)}`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message: `Invalid $filter '${filter}' on a single governanceRoleDefinition: only resourceId eq '<id>' is supported.`,
      });
    });

    it('refuses a filter on an unknown property in Graph’s words', async () => {
      const response = await get(
        `${PROVIDER}/roleDefinitions/${ROLE_DEFINITION(4)}?$filter=nope eq 'x'`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    });

    it('is refused on a set without a parent', async () => {
      const response = await get(
        `${PROVIDER}/resources/${RESOURCE(1)}?$filter=id eq '${RESOURCE(1)}'`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('$filter');
    });
  });

  describe('/beta/privilegedAccess', () => {
    const AZURE_RESOURCES = {
      id: 'azureResources',
      displayName: 'Azure resources',
    };

    it('lists the one provider this service is', async () => {
      const response = await get('/beta/privilegedAccess');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        '@odata.context': contextOf('privilegedAccess'),
        value: [AZURE_RESOURCES],
      });
    });

    it('answers it by its id, with $select', async () => {
      const item = await get('/beta/privilegedAccess/azureResources');
      const selected = await get(
        '/beta/privilegedAccess/azureResources?$select=displayName',
      );

      expect(item.status).toBe(200);
      expect(item.body).toEqual({
        '@odata.context': contextOf('privilegedAccess/$entity'),
        ...AZURE_RESOURCES,
      });
      expect(selected.body).toEqual({
        '@odata.context': contextOf('privilegedAccess/$entity'),
        displayName: 'Azure resources',
      });
    });

    it('answers any other provider as not found', async () => {
      const response = await get('/beta/privilegedAccess/aadroles');

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'NotFound',
        message: "The privilegedAccess 'aadroles' does not exist.",
      });
    });

    it('takes any token with the read permission of Azure resources, and none without', async () => {
      const application = await get('/beta/privilegedAccess', appToken([READ]));
      const withoutPermission = await get(
        '/beta/privilegedAccess',
        userToken(['User.Read']),
      );
      const anonymous = await anonymousGet('/beta/privilegedAccess');

      expect(application.status).toBe(200);
      expect(withoutPermission.status).toBe(403);
      expect(anonymous.status).toBe(401);
    });

    it('refuses options it does not take', async () => {
      const response = await get('/beta/privilegedAccess?$top=1');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    });
  });
});
