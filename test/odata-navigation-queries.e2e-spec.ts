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

describe('OData options through navigation properties: nested $expand, $filter on navigations and durations, a resource’s collections', () => {
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

  function ids(response: request.Response): string[] {
    return (response.body.value as { id: string }[]).map((item) => item.id);
  }

  function expectBadRequest(response: request.Response, message: string) {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.error).toMatchObject({ code: 'BadRequest', message });
    expect(response.body.error.innerError['request-id']).toEqual(
      expect.any(String),
    );
  }

  describe('nested $expand', () => {
    it('nests the role definition’s resource in an assignment’s expansion, on one entity', async () => {
      const response = await get(
        `roleAssignments/${ROLE_ASSIGNMENT(5)}?$expand=roleDefinition($expand=resource)`,
      );

      expect(response.status).toBe(200);
      expect(response.body['@odata.context']).toMatch(
        /\/beta\/\$metadata#governanceRoleAssignments\/\$entity$/,
      );
      expect(response.body.roleDefinition).toEqual({
        id: ROLE_DEFINITION(1),
        resourceId: RESOURCE(0),
        externalId: `/roleDefinitions/${ROLE_DEFINITION(1)}`,
        displayName: 'contributor 1',
        templateId: expect.any(String),
        resource: expect.objectContaining({
          id: RESOURCE(0),
          displayName: 'contoso production',
          type: 'subscription',
        }),
      });
    });

    it('nests it on every request of a list, with $select at each level', async () => {
      const response = await get(
        'roleAssignmentRequests?$select=id&$expand=roleDefinition($select=displayName;$expand=resource($select=displayName)),subject($select=displayName)&$top=3',
      );

      expect(response.status).toBe(200);
      expect(response.body.value).toEqual([
        {
          id: REQUEST_OF_A(0),
          roleDefinition: {
            displayName: 'owner 0',
            resource: { displayName: 'contoso production' },
          },
          subject: { displayName: 'adele vance' },
        },
        {
          id: REQUEST_OF_A(1),
          roleDefinition: {
            displayName: 'contributor 1',
            resource: { displayName: 'contoso production' },
          },
          subject: { displayName: 'ben walters' },
        },
        {
          id: REQUEST_OF_A(2),
          roleDefinition: {
            displayName: 'reader 2',
            resource: { displayName: 'contoso production' },
          },
          subject: { displayName: 'chloe ortiz' },
        },
      ]);
    });

    it('expands only the caller’s tenant’s entities, whose ids tenant B shares', async () => {
      const response = await get(
        `roleAssignments/${ROLE_ASSIGNMENT(0)}?$select=id&$expand=roleDefinition($select=displayName;$expand=resource($select=displayName))`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(200);
      expect(response.body.roleDefinition).toEqual({
        displayName: 'fabrikam owner 0',
        resource: { displayName: 'fabrikam contoso production' },
      });
    });

    it('answers null where a nested navigation leads nowhere', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}?$select=id&$expand=parent($select=id;$expand=parent)`,
      );

      expect(response.status).toBe(200);
      expect(response.body.parent).toEqual({ id: RESOURCE(0), parent: null });
    });

    it.each([
      [
        'roleAssignments?$expand=roleDefinition($expand=resource($expand=parent))',
        "The $expand '$expand=parent' is nested more than 2 levels deep: expand the navigation properties of an expanded entity, not theirs.",
      ],
      [
        'roleAssignments?$expand=roleDefinition($expand=subject)',
        "Could not find a navigation property named 'subject' on type 'microsoft.graph.governanceRoleDefinition'.",
      ],
      [
        `roleAssignments/${ROLE_ASSIGNMENT(0)}?$expand=roleDefinition($top=1)`,
        "Only $select and $expand are supported inside $expand, not '$top=1'.",
      ],
      [
        'roleAssignments?$expand=roleDefinition($expand=resource',
        "Syntax error in $expand 'roleDefinition($expand=resource'.",
      ],
    ])('refuses %s', async (path, message) => {
      expectBadRequest(await get(path), message);
    });
  });

  describe('$filter through a navigation property', () => {
    it.each([
      [
        `roleAssignments?$filter=subject/id eq '${SUBJECT(1)}'`,
        [ROLE_ASSIGNMENT(1), ROLE_ASSIGNMENT(5)],
      ],
      [
        `roleAssignments?$filter=roleDefinition/displayName eq 'reader 2'`,
        [ROLE_ASSIGNMENT(2), ROLE_ASSIGNMENT(6)],
      ],
      [
        `roleAssignments?$filter=resource/id eq ${RESOURCE(1)} and roleDefinition/id eq '${ROLE_DEFINITION(1)}'`,
        [ROLE_ASSIGNMENT(5)],
      ],
      [
        `roleDefinitions?$filter=resource/type eq 'subscription' and not startswith(displayName,'owner')`,
        [ROLE_DEFINITION(1), ROLE_DEFINITION(2), ROLE_DEFINITION(3)],
      ],
      [
        `roleAssignmentRequests?$filter=roleDefinition/resource/type eq 'resourcegroup' or subject/displayName eq 'chloe ortiz'`,
        [REQUEST_OF_A(2), REQUEST_OF_A(5)],
      ],
      [
        `roleSettings?$filter=roleDefinition/displayName in ('owner 0', 'owner 4')`,
        [ROLE_SETTING(0), ROLE_SETTING(4)],
      ],
      [
        `resources?$filter=parent/type eq 'subscription' and status eq 'Locked'`,
        [RESOURCE(3), RESOURCE(5)],
      ],
      // OData's null: a resource without a parent has a null parent/type.
      [`resources?$filter=parent/type eq null`, [RESOURCE(0)]],
      [
        `roleAssignments?$filter=linkedEligibleRoleAssignment/assignmentState ne 'Eligible'`,
        [
          ROLE_ASSIGNMENT(0),
          ROLE_ASSIGNMENT(1),
          ROLE_ASSIGNMENT(2),
          ROLE_ASSIGNMENT(3),
        ],
      ],
    ])('%s', async (path, expected) => {
      const response = await get(`${path}&$count=true`);

      expect(response.status).toBe(200);
      expect(ids(response)).toEqual(expected);
      expect(response.body['@odata.count']).toBe(expected.length);
    });

    it('counts with it at $count too', async () => {
      const response = await get(
        `roleAssignments/$count?$filter=${encodeURIComponent("roleDefinition/displayName eq 'reader 2'")}`,
      );

      expect(response.status).toBe(200);
      expect(response.text).toBe('2');
    });

    it('never matches another tenant’s related entity, though it has the same id', async () => {
      const tenantA = await get(
        "roleAssignments?$filter=roleDefinition/displayName eq 'fabrikam owner 0'",
      );
      const tenantB = await get(
        "roleAssignments?$filter=roleDefinition/displayName eq 'fabrikam owner 0'",
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(tenantA.status).toBe(200);
      expect(ids(tenantA)).toEqual([]);
      expect(ids(tenantB)).toEqual([ROLE_ASSIGNMENT(0)]);
    });

    it('treats the literal as a bound value, not SQL', async () => {
      const response = await get(
        `roleAssignments?$filter=${encodeURIComponent("roleDefinition/displayName eq 'x'') OR 1=1 --'")}`,
      );

      expect(response.status).toBe(200);
      expect(ids(response)).toEqual([]);
    });

    it.each([
      [
        "roleAssignments?$filter=roleDefinition/nope eq 'a'",
        "Could not find a property named 'nope' on type 'microsoft.graph.governanceRoleDefinition' that can be used in $filter.",
      ],
      [
        "resources?$filter=roleDefinitions/displayName eq 'a'",
        "Could not find a property named 'roleDefinitions/displayName' on type 'microsoft.graph.governanceResource' that can be used in $filter.",
      ],
      [
        'roleAssignments?$filter=subject/displayName eq 1',
        "The property 'subject/displayName' (nullable string) cannot be compared with a literal of type Edm.SByte in 'subject/displayName eq 1'.",
      ],
      [
        'roleAssignments?$orderby=roleDefinition/displayName',
        "$orderby cannot sort by 'roleDefinition/displayName', a property of the navigation property 'roleDefinition': sort by the properties of type 'microsoft.graph.governanceRoleAssignment'.",
      ],
    ])('refuses %s', async (path, message) => {
      expectBadRequest(await get(path), message);
    });
  });

  describe('$filter on schedule/duration', () => {
    const withDuration = [0, 1, 2, 3, 4, 5, 6].map(REQUEST_OF_A);

    it.each([
      "schedule/duration eq duration'PT8H'",
      "schedule/duration eq 'PT8H'",
    ])('%s selects the requests of that duration', async (filter) => {
      const response = await get(
        `roleAssignmentRequests?$filter=${encodeURIComponent(filter)}`,
      );

      expect(response.status).toBe(200);
      expect(ids(response)).toEqual(withDuration);
    });

    it('ne and null', async () => {
      const other = await get(
        `roleAssignmentRequests?$filter=${encodeURIComponent("schedule/duration ne duration'P1D'")}`,
      );
      const none = await get(
        'roleAssignmentRequests?$filter=schedule/duration eq null',
      );

      expect(ids(other)).toEqual([...withDuration, REQUEST_OF_A(7)]);
      expect(ids(none)).toEqual([REQUEST_OF_A(7)]);
    });

    it.each([
      [
        "schedule/duration eq duration'8 hours'",
        "'8 hours' is not an ISO 8601 duration, such as duration'PT8H', for the property 'schedule/duration'.",
      ],
      [
        "schedule/duration gt duration'PT1H'",
        "The operator 'gt' is not defined for the duration property 'schedule/duration'.",
      ],
      [
        'schedule/duration eq 8',
        "The property 'schedule/duration' (nullable duration) cannot be compared with a literal of type Edm.SByte in 'schedule/duration eq 8'.",
      ],
    ])('refuses %s', async (filter, message) => {
      expectBadRequest(
        await get(
          `roleAssignmentRequests?$filter=${encodeURIComponent(filter)}`,
        ),
        message,
      );
    });
  });

  describe('$expand of a resource’s collections', () => {
    it('answers the resource’s own role definitions, settings, assignments and requests, by id', async () => {
      const response = await get(
        `resources/${RESOURCE(1)}?$select=id&$expand=roleDefinitions($select=id),roleSettings($select=id),roleAssignments($select=id),roleAssignmentRequests($select=id)`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        '@odata.context': expect.stringMatching(
          /#governanceResources\/\$entity$/,
        ),
        id: RESOURCE(1),
        roleDefinitions: [4, 5, 6].map((n) => ({ id: ROLE_DEFINITION(n) })),
        roleSettings: [4, 5, 6].map((n) => ({ id: ROLE_SETTING(n) })),
        roleAssignments: [5, 6, 7].map((n) => ({ id: ROLE_ASSIGNMENT(n) })),
        roleAssignmentRequests: [5, 6, 7].map((n) => ({
          id: REQUEST_OF_A(n),
        })),
      });
    });

    it('answers an empty array for a resource without any, on a list, with a nested $expand', async () => {
      const response = await get(
        `resources?$filter=id in ('${RESOURCE(2)}', '${RESOURCE(3)}')&$select=id&$expand=roleDefinitions($select=displayName;$expand=roleSetting($select=id))`,
      );

      expect(response.status).toBe(200);
      expect(response.body.value).toEqual([
        {
          id: RESOURCE(2),
          roleDefinitions: [
            {
              displayName: 'user access administrator 7',
              roleSetting: { id: ROLE_SETTING(7) },
            },
          ],
        },
        { id: RESOURCE(3), roleDefinitions: [] },
      ]);
    });

    it('shows only the caller’s tenant’s entities', async () => {
      const response = await get(
        `resources/${RESOURCE(0)}?$select=id&$expand=roleDefinitions($select=displayName)`,
        userToken([READ_WRITE], { tenantId: TENANT_B }),
      );

      expect(response.status).toBe(200);
      expect(response.body.roleDefinitions).toEqual([
        { displayName: 'fabrikam owner 0' },
        { displayName: 'fabrikam contributor 1' },
      ]);
    });

    it('refuses an unknown collection', async () => {
      expectBadRequest(
        await get(`resources/${RESOURCE(0)}?$expand=subjects`),
        "Could not find a navigation property named 'subjects' on type 'microsoft.graph.governanceResource'.",
      );
    });
  });

  describe('$metadata', () => {
    it('declares the resource’s collections as contained navigation properties', async () => {
      const response = await request(testApp.server).get('/beta/$metadata');

      expect(response.status).toBe(200);
      for (const [name, type] of [
        ['roleAssignmentRequests', 'governanceRoleAssignmentRequest'],
        ['roleAssignments', 'governanceRoleAssignment'],
        ['roleDefinitions', 'governanceRoleDefinition'],
        ['roleSettings', 'governanceRoleSetting'],
      ]) {
        expect(response.text).toContain(
          `<NavigationProperty Name="${name}" Type="Collection(microsoft.graph.${type})" ContainsTarget="true" />`,
        );
      }
    });
  });
});
