import request from 'supertest';
import {
  type Fixture,
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { appToken, READ_WRITE, TENANT_B, userToken } from './support/tokens.js';

const ROOT = '/beta/privilegedAccess/azureResources';
const COMPUTED = ['roleAssignmentCount', 'roleDefinitionCount', 'permissions'];
const OWNER_TEMPLATE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
/** An Owner of the subscription (resource 0), and a user whose one assignment has ended. */
const ADMIN = SUBJECT(10);
const ENDED = SUBJECT(11);

/**
 * Tenant A's fixture, and an Owner role on the subscription held by ADMIN (so resource 0 has
 * six assignments and five definitions), and an eligible assignment of ENDED on resource 2
 * that ended before the test clock's now.
 */
function tenantA(): Fixture {
  const fixture = tenantAFixture();
  const user = (id: string, displayName: string) => ({
    id,
    tenantId: fixture.resources[0].tenantId,
    type: 'User',
    displayName,
    email: null,
    principalName: `${displayName}@contoso.example`,
  });
  const assignment = (n: number, overrides: Record<string, unknown>) => ({
    ...fixture.roleAssignments[0],
    id: ROLE_ASSIGNMENT(n),
    linkedEligibleRoleAssignmentId: null,
    externalId: `/roleAssignments/${ROLE_ASSIGNMENT(n)}`,
    memberType: 'Direct',
    ...overrides,
  });
  return {
    ...fixture,
    subjects: [...fixture.subjects, user(ADMIN, 'dana'), user(ENDED, 'eli')],
    roleDefinitions: [
      ...fixture.roleDefinitions,
      {
        ...fixture.roleDefinitions[0],
        id: ROLE_DEFINITION(20),
        externalId: `/roleDefinitions/${ROLE_DEFINITION(20)}`,
        displayName: 'Owner',
        templateId: OWNER_TEMPLATE,
      },
    ],
    roleAssignments: [
      ...fixture.roleAssignments,
      assignment(20, {
        resourceId: RESOURCE(0),
        roleDefinitionId: ROLE_DEFINITION(20),
        subjectId: ADMIN,
        assignmentState: 'Active',
        startDateTime: '2026-01-01T00:00:00Z',
        endDateTime: null,
      }),
      assignment(21, {
        resourceId: RESOURCE(2),
        roleDefinitionId: ROLE_DEFINITION(7),
        subjectId: ENDED,
        assignmentState: 'Eligible',
        startDateTime: '2026-10-01T00:00:00Z',
        endDateTime: '2026-11-01T00:00:00Z',
      }),
    ],
  };
}

type Item = Record<string, unknown>;

describe('the computed properties of a governanceResource: roleAssignmentCount, roleDefinitionCount, permissions', () => {
  let testApp: TestApp;
  const fixture = tenantA();

  beforeAll(async () => {
    testApp = await startSeededTestApp([fixture, tenantBFixture()]);
  });
  afterAll(() => testApp.close());

  function get(path: string, token = userToken()) {
    return request(testApp.server)
      .get(`${ROOT}/${path}`)
      .set('Authorization', `Bearer ${token}`);
  }

  /** The token of a tenant A user with this object id. */
  function tokenOf(objectId: string): string {
    return userToken([READ_WRITE], { objectId });
  }

  /** The list's items, by resource id. */
  async function listed(query: string, token?: string) {
    const response = await get(`resources?${query}`, token);
    expect(response.status).toBe(200);
    return new Map(
      (response.body.value as Item[]).map((item) => [item.id as string, item]),
    );
  }

  function countOf(collection: string, resourceId: string): number {
    return fixture[collection].filter(
      (record) => record.resourceId === resourceId,
    ).length;
  }

  function permission(
    accessLevel: string,
    isActive: boolean,
    isEligible: boolean,
  ) {
    return { accessLevel, isActive, isEligible };
  }

  describe('without $select naming them', () => {
    it('leaves them out of the list and of one resource, as Graph does', async () => {
      const list = await get('resources');
      const one = await get(`resources/${RESOURCE(0)}`);
      const star = await get('resources?$select=*');

      expect(list.status).toBe(200);
      expect(one.status).toBe(200);
      expect(star.status).toBe(200);
      for (const item of [...list.body.value, one.body, ...star.body.value]) {
        expect(COMPUTED.filter((name) => name in item)).toEqual([]);
      }
      expect(Object.keys(one.body)).toEqual([
        '@odata.context',
        'id',
        'externalId',
        'type',
        'displayName',
        'status',
        'registeredDateTime',
        'registeredRoot',
      ]);
    });
  });

  describe('the counts', () => {
    it('counts each resource’s own role assignments and definitions on the list, in the order selected', async () => {
      const items = await listed(
        '$select=roleDefinitionCount,id,roleAssignmentCount',
      );

      expect(items.size).toBe(7);
      expect(items.get(RESOURCE(0))).toEqual({
        roleDefinitionCount: 5,
        id: RESOURCE(0),
        roleAssignmentCount: 6,
      });
      expect(Object.keys(items.get(RESOURCE(0))!)).toEqual([
        'roleDefinitionCount',
        'id',
        'roleAssignmentCount',
      ]);
      expect(items.get(RESOURCE(1))).toMatchObject({
        roleAssignmentCount: 3,
        roleDefinitionCount: 3,
      });
      expect(items.get(RESOURCE(6))).toMatchObject({
        roleAssignmentCount: 0,
        roleDefinitionCount: 0,
      });
      for (const [id, item] of items) {
        expect({ id, ...item }).toEqual({
          id,
          roleAssignmentCount: countOf('roleAssignments', id),
          roleDefinitionCount: countOf('roleDefinitions', id),
        });
      }
    });

    it('counts them on every page of a paged list', async () => {
      const first = await get(
        'resources?$select=id,roleAssignmentCount&$top=2',
      );
      const nextLink = new URL(first.body['@odata.nextLink']);
      const next = await request(testApp.server)
        .get(`${nextLink.pathname}${nextLink.search}`)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(next.status).toBe(200);
      for (const item of [...first.body.value, ...next.body.value] as Item[]) {
        expect(item.roleAssignmentCount).toBe(
          countOf('roleAssignments', item.id as string),
        );
      }
    });

    it('counts them on one resource', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}?$select=roleAssignmentCount,roleDefinitionCount`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        '@odata.context': expect.stringMatching(
          /\/beta\/\$metadata#governanceResources\/\$entity$/,
        ),
        roleAssignmentCount: 3,
        roleDefinitionCount: 3,
      });
    });

    it('never counts another tenant’s rows: tenant B sees its own counts of the same resource ids', async () => {
      const items = await listed(
        '$select=id,roleAssignmentCount,roleDefinitionCount',
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(items.size).toBe(3);
      expect(items.get(RESOURCE(0))).toEqual({
        id: RESOURCE(0),
        roleAssignmentCount: 2,
        roleDefinitionCount: 2,
      });
      expect(items.get(RESOURCE(1))).toMatchObject({
        roleAssignmentCount: 0,
        roleDefinitionCount: 0,
      });
    });
  });

  describe('the caller’s permissions', () => {
    it('shows a user with an active and an eligible assignment on a resource as active, eligible, UserRead', async () => {
      const items = await listed('$select=id,permissions', tokenOf(SUBJECT(0)));

      expect(items.get(RESOURCE(0))).toEqual({
        id: RESOURCE(0),
        permissions: permission('UserRead', true, true),
      });
      expect(items.get(RESOURCE(1))!.permissions).toEqual(
        permission('None', false, false),
      );
    });

    it('tells an eligible-only assignment from an active-only one', async () => {
      const items = await listed('$select=permissions,id', tokenOf(SUBJECT(1)));

      expect(items.get(RESOURCE(0))!.permissions).toEqual(
        permission('UserRead', false, true),
      );
      expect(items.get(RESOURCE(1))!.permissions).toEqual(
        permission('UserRead', true, false),
      );
    });

    it('shows a user without assignments, an ended assignment and an app as having no access', async () => {
      for (const token of [userToken(), tokenOf(ENDED), appToken()]) {
        const items = await listed('$select=id,permissions', token);

        expect([...items.values()].map((item) => item.permissions)).toEqual(
          Array.from({ length: 7 }, () => permission('None', false, false)),
        );
      }
    });

    it('shows the Owner of the subscription as AdminReadWrite there and on the resource groups below it', async () => {
      const items = await listed('$select=id,permissions', tokenOf(ADMIN));

      expect(items.get(RESOURCE(0))!.permissions).toEqual(
        permission('AdminReadWrite', true, false),
      );
      expect(items.get(RESOURCE(3))!.permissions).toEqual(
        permission('AdminReadWrite', false, false),
      );
    });

    it('shows them on one resource, with the counts', async () => {
      const response = await get(
        `resources/${RESOURCE(0)}?$select=id,permissions,roleAssignmentCount`,
        tokenOf(SUBJECT(2)),
      );

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: RESOURCE(0),
        permissions: permission('UserRead', false, true),
        roleAssignmentCount: 6,
      });
    });

    it('reads another tenant’s caller against that tenant’s assignments only', async () => {
      const items = await listed(
        '$select=id,permissions',
        userToken([READ_WRITE], { tenantId: TENANT_B, objectId: SUBJECT(0) }),
      );

      // Tenant B holds only the eligible assignment 0 of subject 0; A's active one is not B's.
      expect(items.get(RESOURCE(0))!.permissions).toEqual(
        permission('UserRead', false, true),
      );
    });
  });

  it('computes them on a resource expanded with $select', async () => {
    const response = await get(
      `roleAssignments/${ROLE_ASSIGNMENT(5)}?$select=id&$expand=resource($select=id,roleDefinitionCount,permissions)`,
      tokenOf(SUBJECT(1)),
    );

    expect(response.status).toBe(200);
    expect(response.body.resource).toEqual({
      id: RESOURCE(1),
      roleDefinitionCount: 3,
      permissions: permission('UserRead', true, false),
    });
  });

  it.each(COMPUTED)(
    'refuses $filter and $orderby on %s with a Graph 400',
    async (property) => {
      const filter = await get(
        `resources?$filter=${encodeURIComponent(`${property} eq 1`)}`,
      );
      const orderBy = await get(`resources?$orderby=${property}`);

      for (const [response, option] of [
        [filter, '$filter'],
        [orderBy, '$orderby'],
      ] as const) {
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({
          code: 'BadRequest',
          message: `Could not find a property named '${property}' on type 'microsoft.graph.governanceResource' that can be used in ${option}.`,
        });
      }
    },
  );
});
