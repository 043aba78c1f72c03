import { GraphError } from '@microsoft/microsoft-graph-client';
import { HttpMethod, RequestInformation } from '@microsoft/kiota-abstractions';
import {
  createGovernanceResourceFromDiscriminatorValue,
  createGovernanceRoleDefinitionFromDiscriminatorValue,
  createGovernanceRoleSettingFromDiscriminatorValue,
} from '@microsoft/msgraph-beta-sdk/models/index.js';
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError,
} from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js';
import type { GovernanceRoleAssignmentRequest } from '@microsoft/msgraph-beta-sdk/models/index.js';
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
import {
  aRequest,
  findStoredRequest,
  storeRequests,
} from './support/requests.js';
import type { TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import { READ_WRITE, TENANT_A, userToken } from './support/tokens.js';

/**
 * The official Graph SDKs for JavaScript against the service over HTTPS, as an app developer's
 * e2e suite uses them: what each surfaces of success, of Graph errors, and of throttling.
 */

const REQUESTS = '/privilegedAccess/azureResources/roleAssignmentRequests';
const RESOURCE = fixtureId('5d000000', 1);
const READER_ROLE = fixtureId('5d100000', 1);
const OWNER_ROLE = fixtureId('5d100000', 2);
const ADMIN = fixtureId('5d200000', 1);
const REQUESTOR = fixtureId('5d200000', 2);
const OUTSIDER = fixtureId('5d200000', 3);
/** Users with an eligible Reader assignment, who ask to activate or extend it. */
const DEVELOPERS = [fixtureId('5d200000', 4), fixtureId('5d200000', 5)];
const ROLE_SETTING = fixtureId('5d400000', 1);
const ASSIGNMENT = fixtureId('5d300000', 1);
const UNKNOWN_ID = fixtureId('5d900000', 1);

function directory() {
  const tenantId = TENANT_A;
  return {
    resources: [resourceRecord(tenantId, RESOURCE)],
    roleDefinitions: [
      roleDefinitionRecord(
        tenantId,
        READER_ROLE,
        RESOURCE,
        ROLE_TEMPLATES.reader,
      ),
      roleDefinitionRecord(
        tenantId,
        OWNER_ROLE,
        RESOURCE,
        ROLE_TEMPLATES.owner,
      ),
    ],
    subjects: [ADMIN, REQUESTOR, OUTSIDER, ...DEVELOPERS].map((id) =>
      userRecord(tenantId, id),
    ),
    roleSettings: [
      {
        id: ROLE_SETTING,
        tenantId,
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
        userMemberSettings: [
          {
            ruleIdentifier: 'ApprovalRule',
            setting: JSON.stringify({
              Enabled: true,
              Approvers: [{ Id: ADMIN }],
            }),
          },
        ],
      },
    ],
    roleAssignments: [
      assignmentRecord(tenantId, {
        id: ASSIGNMENT,
        resourceId: RESOURCE,
        roleDefinitionId: OWNER_ROLE,
        subjectId: ADMIN,
      }),
      ...DEVELOPERS.map((subjectId, n) =>
        assignmentRecord(tenantId, {
          id: fixtureId('5d300000', 2 + n),
          resourceId: RESOURCE,
          roleDefinitionId: READER_ROLE,
          subjectId,
          assignmentState: 'Eligible',
          endDateTime: new Date(
            TEST_NOW.getTime() + 30 * 86_400_000,
          ).toISOString(),
        }),
      ),
    ],
  };
}

/** Cancels each SDK must surface as a Graph error: the case, its status and Graph code. */
const CANCEL_REFUSALS = [
  ['an unknown request', 'unknown', 400, 'RoleAssignmentRequestNotFound'],
  ['a cancelled request', 'cancelled', 400, 'RequestCannotBeCancelled'],
  ['a caller who may not', 'outsider', 403, 'UnauthorizedAccessException'],
] as const;
type RefusedCancel = (typeof CANCEL_REFUSALS)[number][1];

describe('the Microsoft Graph SDKs against the service (HTTPS)', () => {
  let testApp: TestApp;
  let sdks: GraphSdks;
  let caller = ADMIN;

  beforeAll(async () => {
    ({ testApp, sdks } = await startTestAppWithSdks(() =>
      userToken([READ_WRITE], { objectId: caller }),
    ));
    await testApp.app.get(SeedService).seed(directory());
  });
  beforeEach(() => {
    caller = ADMIN;
  });
  afterAll(() => testApp.close());

  async function pendingRequest(): Promise<string> {
    const stored = aRequest({
      requestorId: REQUESTOR,
      subjectId: REQUESTOR,
      resourceId: RESOURCE,
      roleDefinitionId: READER_ROLE,
    });
    await storeRequests(testApp.dataSource, stored);
    return stored.id;
  }

  /** A developer's own request, waiting for a decision: activation or extension. */
  async function waitingRequest(
    developer: string,
    type: 'UserAdd' | 'UserExtend',
  ): Promise<string> {
    caller = developer;
    const created = (await sdks.graphClient.api(REQUESTS).post({
      resourceId: RESOURCE,
      roleDefinitionId: READER_ROLE,
      subjectId: developer,
      assignmentState: type === 'UserAdd' ? 'Active' : 'Eligible',
      type,
      reason: 'release night',
      schedule: {
        type: 'Once',
        duration: type === 'UserAdd' ? 'PT4H' : 'P60D',
      },
    })) as { id: string; status: { subStatus: string } };
    caller = ADMIN;
    expect(created.status.subStatus).toBe(
      type === 'UserAdd' ? 'PendingApproval' : 'PendingAdminDecision',
    );
    return created.id;
  }

  /**
   * A request to cancel in `situation`: unknown; already cancelled (by `cancel`); or pending,
   * with the calls made from now on by a user who may not cancel it.
   */
  async function requestIn(
    situation: RefusedCancel,
    cancel: (id: string) => Promise<unknown>,
  ): Promise<string> {
    if (situation === 'unknown') {
      return UNKNOWN_ID;
    }
    const id = await pendingRequest();
    if (situation === 'cancelled') {
      await cancel(id);
    } else {
      caller = OUTSIDER;
    }
    return id;
  }

  const controlUrl = (name: string) => `${testApp.baseUrl}/_emulator/${name}`;

  /** The statuses the service answered for calls of `url`, oldest first. */
  async function statusesOf(url: string): Promise<number[]> {
    const calls = (await sdks.graphClient
      .api(controlUrl('requests'))
      .get()) as {
      value: { url: string; status: number }[];
    };
    return calls.value
      .filter((call) => call.url === url)
      .map((call) => call.status);
  }

  describe('@microsoft/microsoft-graph-client (customHosts)', () => {
    it('lists, filters and pages requests', async () => {
      const id = await pendingRequest();

      const page = await sdks.graphClient
        .api(REQUESTS)
        .filter(`id eq '${id}'`)
        .top(1)
        .get();

      expect(page['@odata.context']).toContain(
        '$metadata#governanceRoleAssignmentRequests',
      );
      expect(page.value).toEqual([
        expect.objectContaining({
          id,
          status: expect.objectContaining({ subStatus: 'PendingApproval' }),
        }),
      ]);
    });

    it('creates a request and reads it back', async () => {
      const created = await sdks.graphClient.api(REQUESTS).post({
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
        subjectId: OUTSIDER,
        assignmentState: 'Eligible',
        type: 'AdminAdd',
        reason: 'from the Graph JS client',
        schedule: { type: 'Once', duration: 'P30D' },
      });

      expect(created.status).toMatchObject({
        status: 'Closed',
        subStatus: 'Provisioned',
      });
      const read = await sdks.graphClient
        .api(`${REQUESTS}/${created.id}`)
        .get();
      expect(read).toMatchObject({
        id: created.id,
        reason: 'from the Graph JS client',
      });
    });

    it('cancels a request (204, nothing to parse)', async () => {
      const id = await pendingRequest();

      await sdks.graphClient.api(`${REQUESTS}/${id}/cancel`).post({});

      expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
        subStatus: 'Canceled',
      });
    });

    it.each(CANCEL_REFUSALS)(
      'surfaces a Graph error for cancelling %s: GraphError %s %s',
      async (_case, situation, statusCode, code) => {
        const id = await requestIn(situation, async (pending) => {
          await sdks.graphClient.api(`${REQUESTS}/${pending}/cancel`).post({});
        });

        const error = (await sdks.graphClient
          .api(`${REQUESTS}/${id}/cancel`)
          .post({})
          .catch((thrown: unknown) => thrown)) as GraphError;

        expect(error).toBeInstanceOf(GraphError);
        expect(error.statusCode).toBe(statusCode);
        expect(error.code).toBe(code);
        expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      },
    );

    it('retries a call answered 429 with Retry-After, and succeeds', async () => {
      const id = await pendingRequest();
      await sdks.graphClient.api(controlUrl('faults')).post({
        status: 429,
        count: 1,
        path: `/beta${REQUESTS}/${id}`,
        retryAfterSeconds: 1,
      });

      const read = await sdks.graphClient.api(`${REQUESTS}/${id}`).get();

      expect(read.id).toBe(id);
      expect(await statusesOf(`/beta${REQUESTS}/${id}`)).toEqual([429, 200]);
    });

    it('gives up after its retries and surfaces the 429', async () => {
      const id = await pendingRequest();
      await sdks.graphClient.api(controlUrl('faults')).post({
        status: 429,
        count: 10,
        path: `/beta${REQUESTS}/${id}`,
        retryAfterSeconds: 1,
      });

      const error = (await sdks.graphClient
        .api(`${REQUESTS}/${id}`)
        .get()
        .catch((thrown: unknown) => thrown)) as GraphError;

      expect(error.statusCode).toBe(429);
      expect(error.code).toBe('TooManyRequests');
      expect(await statusesOf(`/beta${REQUESTS}/${id}`)).toEqual([
        429, 429, 429, 429,
      ]);
      await sdks.graphClient.api(controlUrl('faults')).delete();
    });
  });

  describe('@microsoft/microsoft-graph-client: the other routes', () => {
    it.each([
      ['resources', RESOURCE],
      ['roleDefinitions', READER_ROLE],
      ['roleSettings', ROLE_SETTING],
      ['roleAssignments', ASSIGNMENT],
    ])('lists %s and gets one by id', async (entitySet, id) => {
      const root = '/privilegedAccess/azureResources';

      const page = (await sdks.graphClient
        .api(`${root}/${entitySet}`)
        .get()) as { value: { id: string }[] };
      const one = (await sdks.graphClient
        .api(`${root}/${entitySet}/${id}`)
        .get()) as { id: string };

      expect(page.value.map((entity) => entity.id)).toContain(id);
      expect(one.id).toBe(id);
    });

    it('surfaces an unknown resource as GraphError 400 ResourceNotFound', async () => {
      const error = (await sdks.graphClient
        .api(`/privilegedAccess/azureResources/resources/${UNKNOWN_ID}`)
        .get()
        .catch((thrown: unknown) => thrown)) as GraphError;

      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('ResourceNotFound');
    });

    it('updates a role setting (PATCH, 204)', async () => {
      const rules = [
        {
          ruleIdentifier: 'ApprovalRule',
          setting: JSON.stringify({
            Enabled: true,
            Approvers: [{ Id: ADMIN }],
          }),
        },
        { ruleIdentifier: 'JustificationRule', setting: '{"required":true}' },
      ];

      await sdks.graphClient
        .api(`/privilegedAccess/azureResources/roleSettings/${ROLE_SETTING}`)
        .patch({ userMemberSettings: rules });

      const read = await sdks.graphClient
        .api(`/privilegedAccess/azureResources/roleSettings/${ROLE_SETTING}`)
        .get();
      expect(read.userMemberSettings).toEqual(rules);
    });

    it('approves a request waiting for its approver (extension action)', async () => {
      const id = await waitingRequest(DEVELOPERS[0], 'UserAdd');

      await sdks.graphClient
        .api(`${REQUESTS}/${id}/approve`)
        .post({ reason: 'go ahead' });

      expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
        subStatus: 'Provisioned',
      });
    });
  });

  it('does not retry a 500 (Graph JS client) and surfaces it', async () => {
    const id = await pendingRequest();
    await sdks.graphClient
      .api(controlUrl('faults'))
      .post({ status: 500, count: 1, path: `/beta${REQUESTS}/${id}` });

    const error = (await sdks.graphClient
      .api(`${REQUESTS}/${id}`)
      .get()
      .catch((thrown: unknown) => thrown)) as GraphError;

    expect(error.statusCode).toBe(500);
    expect(error.code).toBe('generalException');
    expect(await statusesOf(`/beta${REQUESTS}/${id}`)).toEqual([500]);
  });

  describe('@microsoft/msgraph-beta-sdk (Kiota)', () => {
    /** The SDK's request builders, pointed at this service's path of the entity set. */
    const itemOf = (id: string) =>
      sdks.kiota.governanceRoleAssignmentRequests
        .byGovernanceRoleAssignmentRequestId(id)
        .withUrl(`${testApp.baseUrl}/beta${REQUESTS}/${id}`);
    const cancelOf = (id: string) =>
      sdks.kiota.governanceRoleAssignmentRequests
        .byGovernanceRoleAssignmentRequestId(id)
        .cancel.withUrl(`${testApp.baseUrl}/beta${REQUESTS}/${id}/cancel`);

    it('reads a request into the SDK’s model', async () => {
      const id = await pendingRequest();

      const read = await itemOf(id).get();

      expect(read).toMatchObject({
        id,
        type: 'UserAdd',
        status: { status: 'InProgress', subStatus: 'PendingApproval' },
      });
      expect(read?.requestedDateTime).toBeInstanceOf(Date);
    });

    it('creates a request from the SDK’s model', async () => {
      const now = testApp.clock.now();
      const body: GovernanceRoleAssignmentRequest = {
        resourceId: RESOURCE,
        roleDefinitionId: READER_ROLE,
        subjectId: REQUESTOR,
        assignmentState: 'Eligible',
        type: 'AdminAdd',
        reason: 'from Kiota',
        schedule: {
          type: 'Once',
          startDateTime: now,
          endDateTime: new Date(now.getTime() + 86_400_000),
        },
      };

      const created = await sdks.kiota.governanceRoleAssignmentRequests
        .withUrl(`${testApp.baseUrl}/beta${REQUESTS}`)
        .post(body);

      expect(created).toMatchObject({
        reason: 'from Kiota',
        status: { subStatus: 'Provisioned' },
      });
      expect(created?.schedule?.endDateTime).toBeInstanceOf(Date);
    });

    it('lists requests into the SDK’s collection model', async () => {
      const id = await pendingRequest();

      const page = await sdks.kiota.governanceRoleAssignmentRequests
        .withUrl(`${testApp.baseUrl}/beta${REQUESTS}?$filter=id eq '${id}'`)
        .get();

      expect(page?.value?.map((request) => request.id)).toEqual([id]);
    });

    it('cancels a request (204)', async () => {
      const id = await pendingRequest();

      await cancelOf(id).post();

      expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
        subStatus: 'Canceled',
      });
    });

    it.each(CANCEL_REFUSALS)(
      'surfaces a Graph error for cancelling %s: ODataError %s %s',
      async (_case, situation, statusCode, code) => {
        const id = await requestIn(situation, async (pending) => {
          await cancelOf(pending).post();
        });

        const error = (await cancelOf(id)
          .post()
          .catch((thrown: unknown) => thrown)) as ODataError;

        expect(error.responseStatusCode).toBe(statusCode);
        expect(error.errorEscaped?.code).toBe(code);
        expect(error.message).toBe(error.errorEscaped?.message);
        expect(error.errorEscaped?.innerError?.requestId).toMatch(
          /^[0-9a-f-]{36}$/,
        );
      },
    );

    it('retries a call answered 503 with Retry-After, and succeeds', async () => {
      const id = await pendingRequest();
      await sdks.graphClient.api(controlUrl('faults')).post({
        status: 503,
        count: 1,
        path: `/beta${REQUESTS}/${id}`,
        retryAfterSeconds: 1,
      });

      const read = await itemOf(id).get();

      expect(read?.id).toBe(id);
      expect(await statusesOf(`/beta${REQUESTS}/${id}`)).toEqual([503, 200]);
    });

    it('does not retry a 500 and surfaces it', async () => {
      const id = await pendingRequest();
      await sdks.graphClient
        .api(controlUrl('faults'))
        .post({ status: 500, count: 1, path: `/beta${REQUESTS}/${id}` });

      const error = (await itemOf(id)
        .get()
        .catch((thrown: unknown) => thrown)) as ODataError;

      expect(error.responseStatusCode).toBe(500);
      expect(error.errorEscaped?.code).toBe('generalException');
      expect(await statusesOf(`/beta${REQUESTS}/${id}`)).toEqual([500]);
    });

    it('decides a request waiting for an administrator (updateRequest builder)', async () => {
      const id = await waitingRequest(DEVELOPERS[1], 'UserExtend');

      await sdks.kiota.governanceRoleAssignmentRequests
        .byGovernanceRoleAssignmentRequestId(id)
        .updateRequest.withUrl(
          `${testApp.baseUrl}/beta${REQUESTS}/${id}/updateRequest`,
        )
        .post({ decision: 'AdminApproved', reason: 'another month' });

      expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
        subStatus: 'AdminApproved',
      });
    });

    it('reads a role assignment into the SDK’s model (governanceRoleAssignments builder)', async () => {
      const assignment = await sdks.kiota.governanceRoleAssignments
        .byGovernanceRoleAssignmentId(ASSIGNMENT)
        .withUrl(
          `${testApp.baseUrl}/beta/privilegedAccess/azureResources/roleAssignments/${ASSIGNMENT}`,
        )
        .get();

      expect(assignment).toMatchObject({
        id: ASSIGNMENT,
        subjectId: ADMIN,
        assignmentState: 'Active',
      });
    });

    it.each([
      ['resources', RESOURCE, createGovernanceResourceFromDiscriminatorValue],
      [
        'roleDefinitions',
        READER_ROLE,
        createGovernanceRoleDefinitionFromDiscriminatorValue,
      ],
      [
        'roleSettings',
        ROLE_SETTING,
        createGovernanceRoleSettingFromDiscriminatorValue,
      ],
    ] as const)(
      'reads %s through its request adapter, into the SDK’s model; an unknown id is an ODataError',
      async (entitySet, id, factory) => {
        const get = (entityId: string) => {
          const information = new RequestInformation(HttpMethod.GET);
          information.URL = `${testApp.baseUrl}/beta/privilegedAccess/azureResources/${entitySet}/${entityId}`;
          information.headers.tryAdd('Accept', 'application/json');
          return sdks.adapter.send(information, factory, {
            XXX: createODataErrorFromDiscriminatorValue,
          });
        };

        expect(await get(id)).toMatchObject({ id });
        const error = (await get(UNKNOWN_ID).catch(
          (thrown: unknown) => thrown,
        )) as ODataError;
        expect(error.responseStatusCode).toBe(400);
        expect(error.errorEscaped?.code).toMatch(/NotFound$/);
      },
    );
  });
});
