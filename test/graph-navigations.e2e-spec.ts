import request from 'supertest';
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
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { READ_WRITE, TENANT_B, userToken } from './support/tokens.js';

const ROOT = '/beta/privilegedAccess/azureResources';

/** Every collection of the module, with a filter that selects a known part of it. */
const COLLECTIONS = [
  ['resources', "status eq 'Locked'"],
  ['roleDefinitions', `resourceId eq '${RESOURCE(1)}'`],
  ['roleSettings', 'isDefault eq true'],
  ['roleAssignments', "assignmentState eq 'Active'"],
  ['roleAssignmentRequests', "assignmentState eq 'Eligible'"],
] as const;

describe('$count, navigation paths and items under a resource, of the Graph entity sets', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([tenantAFixture(), tenantBFixture()]);
  });
  afterAll(() => testApp.close());

  function get(path: string, token = userToken()) {
    return request(testApp.server)
      .get(`${ROOT}/${path}`)
      .set('Authorization', `Bearer ${token}`);
  }

  function contextOf(response: request.Response, entitySet: string): string {
    return `http://${response.request.url.split('/')[2]}/beta/$metadata#${entitySet}/$entity`;
  }

  describe('…/$count', () => {
    it('answers the number of the tenant’s resources as plain text', async () => {
      const response = await get('resources/$count');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      // Tenant A has seven resources; tenant B's three of the same ids are not counted.
      expect(response.text).toBe('7');
    });

    it.each(COLLECTIONS)(
      'counts %s as the list’s @odata.count does, with and without $filter',
      async (collection, filter) => {
        for (const query of ['', `?$filter=${encodeURIComponent(filter)}`]) {
          const list = await get(
            `${collection}${query ? `${query}&` : '?'}$count=true`,
          );
          const count = await get(`${collection}/$count${query}`);

          expect(list.status).toBe(200);
          expect(count.status).toBe(200);
          expect(count.text).toBe(String(list.body['@odata.count']));
        }
      },
    );

    it('counts a resource’s own collection', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}/roleDefinitions/$count`,
      );

      expect(response.status).toBe(200);
      expect(response.text).toBe('3');
    });

    it('counts only the caller’s tenant', async () => {
      const response = await get(
        'resources/$count',
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(200);
      expect(response.text).toBe('3');
    });

    it('refuses list options that do not choose what to count', async () => {
      const response = await get('resources/$count?$top=2');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
      expect(response.body.error.message).toContain('$top');
    });

    it('refuses a filter on an unknown property in Graph’s shape', async () => {
      const response = await get('resources/$count?$filter=nope eq 1');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    });

    it('answers an unknown parent with its not-found error, not a count', async () => {
      const response = await get(
        'resources/99999999-0000-4000-8000-000000000000/roleDefinitions/$count',
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The governanceResource does not exist in system.',
      );
    });

    it('needs a token', async () => {
      const response = await request(testApp.server).get(
        `${ROOT}/resources/$count`,
      );

      expect(response.status).toBe(401);
    });
  });

  describe('…/{id}/<navigation>', () => {
    it('answers a resource’s parent as an entity of governanceResources', async () => {
      const response = await get(`resources/${RESOURCE(1)}/parent`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        '@odata.context': contextOf(response, 'governanceResources'),
        id: RESOURCE(0),
        displayName: 'contoso production',
      });
    });

    it('answers 404 when the navigation leads nowhere', async () => {
      const response = await get(`resources/${RESOURCE(0)}/parent`);

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'ResourceNotFound',
        message: 'The governanceResource has no parent.',
      });
    });

    it.each([
      [
        `roleDefinitions/${ROLE_DEFINITION(4)}/resource`,
        'governanceResources',
        RESOURCE(1),
      ],
      [
        `roleDefinitions/${ROLE_DEFINITION(4)}/roleSetting`,
        'governanceRoleSettings',
        ROLE_SETTING(4),
      ],
      [
        `roleSettings/${ROLE_SETTING(5)}/resource`,
        'governanceResources',
        RESOURCE(1),
      ],
      [
        `roleSettings/${ROLE_SETTING(5)}/roleDefinition`,
        'governanceRoleDefinitions',
        ROLE_DEFINITION(5),
      ],
      [
        `roleAssignments/${ROLE_ASSIGNMENT(5)}/resource`,
        'governanceResources',
        RESOURCE(1),
      ],
      [
        `roleAssignments/${ROLE_ASSIGNMENT(5)}/roleDefinition`,
        'governanceRoleDefinitions',
        ROLE_DEFINITION(1),
      ],
      [
        `roleAssignments/${ROLE_ASSIGNMENT(5)}/subject`,
        'governanceSubjects',
        SUBJECT(1),
      ],
      [
        `roleAssignments/${ROLE_ASSIGNMENT(5)}/linkedEligibleRoleAssignment`,
        'governanceRoleAssignments',
        ROLE_ASSIGNMENT(1),
      ],
      [
        `roleAssignmentRequests/${REQUEST_OF_A(1)}/resource`,
        'governanceResources',
        RESOURCE(0),
      ],
      [
        `roleAssignmentRequests/${REQUEST_OF_A(1)}/roleDefinition`,
        'governanceRoleDefinitions',
        ROLE_DEFINITION(1),
      ],
      [
        `roleAssignmentRequests/${REQUEST_OF_A(1)}/subject`,
        'governanceSubjects',
        SUBJECT(1),
      ],
      [
        `roleAssignmentRequests/${REQUEST_OF_A(1)}/linkedEligibleRoleAssignment`,
        'governanceRoleAssignments',
        ROLE_ASSIGNMENT(1),
      ],
    ])('GET %s answers the related %s', async (path, entitySet, id) => {
      const response = await get(path);

      expect(response.status).toBe(200);
      expect(response.body['@odata.context']).toBe(
        contextOf(response, entitySet),
      );
      expect(response.body.id).toBe(id);
    });

    it('answers the related entity as its own GET does, key for key', async () => {
      const related = await get(
        `roleAssignments/${ROLE_ASSIGNMENT(5)}/subject`,
      );
      const direct = await get(
        `roleAssignments/${ROLE_ASSIGNMENT(5)}?$expand=subject`,
      );

      expect(related.status).toBe(200);
      expect(related.body).toEqual({
        '@odata.context': contextOf(related, 'governanceSubjects'),
        ...direct.body.subject,
      });
    });

    it('never follows another tenant’s entity: the source is not found in the caller’s tenant', async () => {
      // Tenant B has the resources of ids 0–2 only: its RESOURCE(4) does not exist.
      const response = await get(
        `resources/${RESOURCE(4)}/parent`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The governanceResource does not exist in system.',
      );
    });

    it('follows the caller’s tenant only: tenant B’s resource 1 has tenant B’s parent', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}/parent`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe('fabrikam contoso production');
    });

    it('answers with a trailing slash and in any case, as the router matches', async () => {
      const response = await get(`resources/${RESOURCE(1)}/PARENT/`);

      expect(response.status).toBe(200);
      expect(response.body.id).toBe(RESOURCE(0));
    });

    it('refuses query options it does not take', async () => {
      const response = await get(`resources/${RESOURCE(1)}/parent?$select=id`);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    });

    it('answers an unknown navigation as Graph answers an unknown segment', async () => {
      const response = await get(`resources/${RESOURCE(1)}/grandparent`);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        "Resource not found for the segment 'grandparent'.",
      );
    });

    it('needs a token', async () => {
      const response = await request(testApp.server).get(
        `${ROOT}/resources/${RESOURCE(1)}/parent`,
      );

      expect(response.status).toBe(401);
    });
  });

  describe('/resources/{id}/<collection>/{id}', () => {
    it.each([
      ['roleDefinitions', ROLE_DEFINITION(4), RESOURCE(1)],
      ['roleSettings', ROLE_SETTING(5), RESOURCE(1)],
      ['roleAssignments', ROLE_ASSIGNMENT(5), RESOURCE(1)],
      ['roleAssignmentRequests', REQUEST_OF_A(1), RESOURCE(0)],
    ])(
      'answers the %s item of its resource as its own GET does',
      async (collection, id, resourceId) => {
        const nested = await get(`resources/${resourceId}/${collection}/${id}`);
        const direct = await get(`${collection}/${id}`);

        expect(nested.status).toBe(200);
        expect(nested.body).toEqual(direct.body);
      },
    );

    it('takes $select and $expand', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}/roleDefinitions/${ROLE_DEFINITION(4)}?$select=displayName&$expand=resource($select=id)`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        '@odata.context': contextOf(response, 'governanceRoleDefinitions'),
        displayName: 'owner 4',
        resource: { id: RESOURCE(1) },
      });
    });

    it('does not show another resource’s item: it is not found under this one', async () => {
      // Role definition 4 belongs to resource 1, not to resource 0.
      const response = await get(
        `resources/${RESOURCE(0)}/roleDefinitions/${ROLE_DEFINITION(4)}`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'RoleDefinitionNotFound',
        message: 'The governanceRoleDefinition does not exist in system.',
      });
    });

    it('answers an unknown resource with its not-found error', async () => {
      const response = await get(
        `resources/99999999-0000-4000-8000-000000000000/roleSettings/${ROLE_SETTING(0)}`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'The governanceResource does not exist in system.',
      );
    });

    it('lists and counts a resource’s role settings', async () => {
      const list = await get(
        `resources/${RESOURCE(1)}/roleSettings?$count=true`,
      );
      const count = await get(`resources/${RESOURCE(1)}/roleSettings/$count`);

      expect(list.status).toBe(200);
      const settings = list.body.value as { id: string }[];
      expect(settings.map((setting) => setting.id)).toEqual([
        ROLE_SETTING(4),
        ROLE_SETTING(5),
        ROLE_SETTING(6),
      ]);
      expect(count.text).toBe('3');
    });

    it('never shows another tenant’s item of the same ids', async () => {
      const response = await get(
        `resources/${RESOURCE(0)}/roleDefinitions/${ROLE_DEFINITION(0)}`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(200);
      expect(response.body.displayName).toBe('fabrikam owner 0');
    });
  });
});
