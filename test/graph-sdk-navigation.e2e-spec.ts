import { PageIterator as GraphClientPageIterator } from '@microsoft/microsoft-graph-client';
import {
  HttpMethod,
  type Parsable,
  type ParsableFactory,
  RequestInformation,
} from '@microsoft/kiota-abstractions';
import {
  createGovernanceRoleAssignmentFromDiscriminatorValue,
  createGovernanceRoleAssignmentRequestCollectionResponseFromDiscriminatorValue,
  createGovernanceRoleAssignmentRequestFromDiscriminatorValue,
  createGovernanceRoleDefinitionFromDiscriminatorValue,
  createGovernanceRoleSettingFromDiscriminatorValue,
  type GovernanceRoleAssignmentRequest,
} from '@microsoft/msgraph-beta-sdk/models/index.js';
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError,
} from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js';
import { type PageCollection, PageIterator } from '@microsoft/msgraph-sdk-core';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { type GraphSdks, startTestAppWithSdks } from './support/graph-sdks.js';
import { fixtureId } from './support/pim-fixture.js';
import type { TestApp } from './support/test-app.js';
import { READ_WRITE, TENANT_A, userToken } from './support/tokens.js';

/**
 * What an app developer reaches through the official SDKs beyond single entities: Kiota's `$count`
 * and navigation builders, both SDKs' page iterators over `@odata.nextLink`, and the items under
 * a resource read into the SDK's models.
 */

const ROOT = '/privilegedAccess/azureResources';
const RESOURCE = fixtureId('5e000000', 1);
/** A second resource of the tenant, whose items are not found under RESOURCE. */
const OTHER_RESOURCE = fixtureId('5e000000', 2);
const READER_ROLE = fixtureId('5e100000', 1);
/** A role definition of OTHER_RESOURCE without a role setting. */
const OTHER_ROLE = fixtureId('5e100000', 2);
const READER_SETTING = fixtureId('5e400000', 1);
const USER = fixtureId('5e200000', 1);
const ELIGIBLE = fixtureId('5e300000', 1);
/** USER's activation of ELIGIBLE. */
const ACTIVE = fixtureId('5e300000', 2);
const OTHER_ASSIGNMENT = fixtureId('5e300000', 3);
/** More requests than one page of ten: every fifth asks for an eligible assignment. */
const REQUESTS = Array.from({ length: 25 }, (_, n) => fixtureId('5e500000', n));
const OTHER_REQUEST = fixtureId('5e600000', 1);
const ELIGIBLE_REQUESTS = REQUESTS.filter((_, n) => n % 5 === 0);

function directory() {
  const tenantId = TENANT_A;
  const request = (id: string, resourceId: string, n: number) => ({
    id,
    tenantId,
    requestorId: USER,
    resourceId,
    roleDefinitionId: resourceId === RESOURCE ? READER_ROLE : OTHER_ROLE,
    subjectId: USER,
    type: 'AdminAdd',
    assignmentState: n % 5 === 0 ? 'Eligible' : 'Active',
    requestedDateTime: '2026-11-01T09:00:00Z',
    status: { status: 'Closed', subStatus: 'Provisioned' },
  });
  return {
    resources: [
      resourceRecord(tenantId, RESOURCE),
      resourceRecord(tenantId, OTHER_RESOURCE),
    ],
    roleDefinitions: [
      roleDefinitionRecord(
        tenantId,
        READER_ROLE,
        RESOURCE,
        ROLE_TEMPLATES.reader,
      ),
      roleDefinitionRecord(
        tenantId,
        OTHER_ROLE,
        OTHER_RESOURCE,
        ROLE_TEMPLATES.reader,
      ),
    ],
    roleSettings: [
      {
        id: READER_SETTING,
        tenantId,
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
      },
    ],
    subjects: [userRecord(tenantId, USER)],
    roleAssignments: [
      assignmentRecord(tenantId, {
        id: ELIGIBLE,
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
        subjectId: USER,
        assignmentState: 'Eligible',
      }),
      assignmentRecord(tenantId, {
        id: ACTIVE,
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
        subjectId: USER,
        linkedEligibleRoleAssignmentId: ELIGIBLE,
      }),
      assignmentRecord(tenantId, {
        id: OTHER_ASSIGNMENT,
        resourceId: OTHER_RESOURCE,
        roleDefinitionId: OTHER_ROLE,
        subjectId: USER,
      }),
    ],
    roleAssignmentRequests: [
      ...REQUESTS.map((id, n) => request(id, RESOURCE, n)),
      request(OTHER_REQUEST, OTHER_RESOURCE, 1),
    ],
  };
}

describe('the SDKs’ $count, navigation builders and page iterators (HTTPS)', () => {
  let testApp: TestApp;
  let sdks: GraphSdks;

  beforeAll(async () => {
    ({ testApp, sdks } = await startTestAppWithSdks(() =>
      userToken([READ_WRITE], { objectId: USER }),
    ));
    await testApp.app.get(SeedService).seed(directory());
  });
  afterAll(() => testApp.close());

  /** This service's URL of a path under privilegedAccess/azureResources. */
  const url = (path: string) => `${testApp.baseUrl}/beta${ROOT}/${path}`;
  const requestItem = (id: string) =>
    sdks.kiota.governanceRoleAssignmentRequests.byGovernanceRoleAssignmentRequestId(
      id,
    );
  const assignmentItem = (id: string) =>
    sdks.kiota.governanceRoleAssignments.byGovernanceRoleAssignmentId(id);

  function failureOf(call: Promise<unknown>): Promise<ODataError> {
    return call.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (thrown: ODataError) => thrown,
    );
  }

  describe('Kiota’s count builders', () => {
    const filtered = (filter: string) =>
      `?$filter=${encodeURIComponent(filter)}`;

    it('answer the number of requests, and of those a $filter selects', async () => {
      const count = (query: string) =>
        sdks.kiota.governanceRoleAssignmentRequests.count
          .withUrl(url(`roleAssignmentRequests/$count${query}`))
          .get();

      expect(await count('')).toBe(REQUESTS.length + 1);
      expect(await count(filtered("assignmentState eq 'Eligible'"))).toBe(
        ELIGIBLE_REQUESTS.length,
      );
    });

    it('answer the number of role assignments, and of those a $filter selects', async () => {
      const count = (query: string) =>
        sdks.kiota.governanceRoleAssignments.count
          .withUrl(url(`roleAssignments/$count${query}`))
          .get();

      expect(await count('')).toBe(3);
      expect(await count(filtered("assignmentState eq 'Active'"))).toBe(2);
    });

    it('send their $filter query parameter to the top-level sets, unchanged', async () => {
      const filter = {
        queryParameters: { filter: `resourceId eq '${RESOURCE}'` },
      };

      expect(
        await sdks.kiota.governanceRoleAssignmentRequests.count.get(filter),
      ).toBe(REQUESTS.length);
      expect(await sdks.kiota.governanceRoleAssignments.count.get(filter)).toBe(
        2,
      );
    });

    it('surface an unknown property in $filter as ODataError 400', async () => {
      const error = await failureOf(
        sdks.kiota.governanceRoleAssignmentRequests.count
          .withUrl(url(`roleAssignmentRequests/$count${filtered('nope eq 1')}`))
          .get(),
      );

      expect(error.responseStatusCode).toBe(400);
      expect(error.errorEscaped?.code).toBe('BadRequest');
    });
  });

  describe('Kiota’s navigation builders', () => {
    const REQUEST = REQUESTS[1];
    it.each([
      [
        `roleAssignmentRequests/${REQUEST}/resource`,
        (at: string) => requestItem(REQUEST).resource.withUrl(at).get(),
        RESOURCE,
      ],
      [
        `roleAssignmentRequests/${REQUEST}/roleDefinition`,
        (at: string) => requestItem(REQUEST).roleDefinition.withUrl(at).get(),
        READER_ROLE,
      ],
      [
        `roleAssignmentRequests/${REQUEST}/roleDefinition/resource`,
        (at: string) =>
          requestItem(REQUEST).roleDefinition.resource.withUrl(at).get(),
        RESOURCE,
      ],
      [
        `roleAssignmentRequests/${REQUEST}/roleDefinition/roleSetting`,
        (at: string) =>
          requestItem(REQUEST).roleDefinition.roleSetting.withUrl(at).get(),
        READER_SETTING,
      ],
      [
        `roleAssignmentRequests/${REQUEST}/subject`,
        (at: string) => requestItem(REQUEST).subject.withUrl(at).get(),
        USER,
      ],
      [
        `roleAssignments/${ACTIVE}/linkedEligibleRoleAssignment`,
        (at: string) =>
          assignmentItem(ACTIVE).linkedEligibleRoleAssignment.withUrl(at).get(),
        ELIGIBLE,
      ],
      [
        `roleAssignments/${ACTIVE}/resource`,
        (at: string) => assignmentItem(ACTIVE).resource.withUrl(at).get(),
        RESOURCE,
      ],
      [
        `roleAssignments/${ACTIVE}/roleDefinition`,
        (at: string) => assignmentItem(ACTIVE).roleDefinition.withUrl(at).get(),
        READER_ROLE,
      ],
      [
        `roleAssignments/${ACTIVE}/roleDefinition/resource`,
        (at: string) =>
          assignmentItem(ACTIVE).roleDefinition.resource.withUrl(at).get(),
        RESOURCE,
      ],
      [
        `roleAssignments/${ACTIVE}/roleDefinition/roleSetting`,
        (at: string) =>
          assignmentItem(ACTIVE).roleDefinition.roleSetting.withUrl(at).get(),
        READER_SETTING,
      ],
      [
        `roleAssignments/${ACTIVE}/subject`,
        (at: string) => assignmentItem(ACTIVE).subject.withUrl(at).get(),
        USER,
      ],
    ])('read %s into the SDK’s model', async (path, get, id) => {
      expect(await get(url(path))).toMatchObject({ id });
    });

    it.each([
      [
        'an eligible assignment’s linkedEligibleRoleAssignment',
        `roleAssignments/${ELIGIBLE}/linkedEligibleRoleAssignment`,
        (at: string) =>
          assignmentItem(ELIGIBLE)
            .linkedEligibleRoleAssignment.withUrl(at)
            .get(),
        'The governanceRoleAssignment has no linkedEligibleRoleAssignment.',
      ],
      [
        'the roleSetting of a role definition without one',
        `roleAssignments/${OTHER_ASSIGNMENT}/roleDefinition/roleSetting`,
        (at: string) =>
          assignmentItem(OTHER_ASSIGNMENT)
            .roleDefinition.roleSetting.withUrl(at)
            .get(),
        'The governanceRoleDefinition has no roleSetting.',
      ],
    ])(
      'surface %s, which leads nowhere, as ODataError 404 ResourceNotFound',
      async (_case, path, get, message) => {
        const error = await failureOf(get(url(path)));

        expect(error.responseStatusCode).toBe(404);
        expect(error.errorEscaped).toMatchObject({
          code: 'ResourceNotFound',
          message,
        });
      },
    );
  });

  describe('page iterators over @odata.nextLink', () => {
    const PAGE = 'roleAssignmentRequests?$top=10';

    /** The ids of every request, in the list's order, from one page. */
    async function everyRequestId(): Promise<string[]> {
      const page = (await sdks.graphClient
        .api(`${ROOT}/roleAssignmentRequests`)
        .top(999)
        .get()) as { value: { id: string }[] };
      return page.value.map((request) => request.id);
    }

    /** The paths and queries of the tenant's last `count` calls to this service. */
    async function lastCalls(count: number): Promise<string[]> {
      const calls = (await sdks.graphClient
        .api(`${testApp.baseUrl}/_emulator/requests`)
        .get()) as { value: { url: string }[] };
      return calls.value.slice(-count).map((call) => call.url);
    }

    /** The three pages, the iterator's last calls, were asked of this service at the first's path. */
    async function expectThreePagesOfThisService(firstNextLink: string) {
      const next = new URL(firstNextLink);
      expect(next.origin).toBe(testApp.baseUrl);
      expect(next.pathname).toBe(`/beta${ROOT}/roleAssignmentRequests`);
      expect(next.searchParams.get('$top')).toBe('10');
      for (const call of await lastCalls(3)) {
        expect(call).toMatch(
          new RegExp(`^/beta${ROOT}/roleAssignmentRequests\\?.*top=10`),
        );
      }
    }

    it('Kiota’s PageIterator sees every request once, in the list’s order', async () => {
      const first = await sdks.kiota.governanceRoleAssignmentRequests
        .withUrl(url(PAGE))
        .get();
      const seen: string[] = [];

      await new PageIterator<GovernanceRoleAssignmentRequest>(
        sdks.adapter,
        first as PageCollection<GovernanceRoleAssignmentRequest>,
        (request) => {
          seen.push(request.id ?? '');
          return true;
        },
        createGovernanceRoleAssignmentRequestCollectionResponseFromDiscriminatorValue,
        { XXX: createODataErrorFromDiscriminatorValue },
      ).iterate();

      await expectThreePagesOfThisService(first?.odataNextLink ?? '');
      expect(first?.value).toHaveLength(10);
      expect(seen).toEqual(await everyRequestId());
      expect(seen).toHaveLength(REQUESTS.length + 1);
    });

    it('the Graph JS client’s PageIterator sees every request once, in the list’s order', async () => {
      const first = (await sdks.graphClient
        .api(`${ROOT}/roleAssignmentRequests`)
        .top(10)
        .get()) as { value: { id: string }[]; '@odata.nextLink': string };
      const seen: string[] = [];

      await new GraphClientPageIterator(sdks.graphClient, first, (request) => {
        seen.push((request as { id: string }).id);
        return true;
      }).iterate();

      await expectThreePagesOfThisService(first['@odata.nextLink']);
      expect(first.value).toHaveLength(10);
      expect(seen).toEqual(await everyRequestId());
      expect(seen).toHaveLength(REQUESTS.length + 1);
    });

    it('the Graph JS client reads …/$count as text, with and without $filter', async () => {
      const count = sdks.graphClient.api(
        `${ROOT}/roleAssignmentRequests/$count`,
      );

      expect(await count.get()).toBe(String(REQUESTS.length + 1));
      expect(await count.filter("assignmentState eq 'Eligible'").get()).toBe(
        String(ELIGIBLE_REQUESTS.length),
      );
    });
  });

  describe('items under a resource, through Kiota’s request adapter', () => {
    function getUnderResource<T extends Parsable>(
      path: string,
      factory: ParsableFactory<T>,
    ) {
      const information = new RequestInformation(HttpMethod.GET);
      information.URL = url(path);
      information.headers.tryAdd('Accept', 'application/json');
      return sdks.adapter.send(information, factory, {
        XXX: createODataErrorFromDiscriminatorValue,
      });
    }

    it.each([
      [
        'roleDefinitions',
        'RoleDefinitionNotFound',
        READER_ROLE,
        createGovernanceRoleDefinitionFromDiscriminatorValue,
      ],
      [
        'roleAssignments',
        'RoleAssignmentNotFound',
        ACTIVE,
        createGovernanceRoleAssignmentFromDiscriminatorValue,
      ],
      [
        'roleSettings',
        'RoleSettingNotFound',
        READER_SETTING,
        createGovernanceRoleSettingFromDiscriminatorValue,
      ],
      [
        'roleAssignmentRequests',
        'RoleAssignmentRequestNotFound',
        REQUESTS[0],
        createGovernanceRoleAssignmentRequestFromDiscriminatorValue,
      ],
    ] as const)(
      'read /resources/{id}/%s/{id} into the SDK’s model; under another resource it is ODataError 400 %s',
      async (collection, code, id, factory) => {
        const own = await getUnderResource<Parsable>(
          `resources/${RESOURCE}/${collection}/${id}`,
          factory,
        );
        const error = await failureOf(
          getUnderResource<Parsable>(
            `resources/${OTHER_RESOURCE}/${collection}/${id}`,
            factory,
          ),
        );

        expect(own).toMatchObject({ id });
        expect(error.responseStatusCode).toBe(400);
        expect(error.errorEscaped?.code).toBe(code);
      },
    );
  });
});
