/**
 * An app developer's e2e test against the PIM emulator, with both official Graph SDKs for
 * JavaScript. The emulator runs in the test's own process (`startEmulator()`, in-memory, a free
 * port, HTTPS with a certificate of its own): no server to start first, nothing left behind.
 *
 *   npm install --save-dev pim-governance-api
 *   node --test <this file, compiled>
 *
 * (test/emulator-example.e2e-spec.ts runs it against this repository's build, and
 * test/package.e2e-spec.ts against the packed package installed in an empty folder.) Every test
 * starts from the same tenant data, loaded with `reset(seed)`.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { rootCertificates } from 'node:tls';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import {
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
} from '@microsoft/kiota-abstractions';
import {
  createGraphBetaServiceClient,
  GraphBetaRequestAdapter,
} from '@microsoft/msgraph-beta-sdk';
import '@microsoft/msgraph-beta-sdk-governanceroleassignmentrequests';
import type { ODataError } from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js';
import { startEmulator } from 'pim-governance-api';
import { Agent, setGlobalDispatcher } from 'undici';

const REQUESTS = '/privilegedAccess/azureResources/roleAssignmentRequests';

// The tenant's data: one subscription, its Owner (the token's user) and Reader roles, a user.
const SUBSCRIPTION = '0e000000-0000-4000-8000-000000000001';
const OWNER = '0e000000-0000-4000-8000-0000000000a1';
const READER = '0e000000-0000-4000-8000-0000000000a2';
const ADMIN = '0e000000-0000-4000-8000-0000000000ad';
const DEVELOPER = '0e000000-0000-4000-8000-0000000000de';
const seed = {
  resources: [
    {
      id: SUBSCRIPTION,
      externalId: `/subscriptions/${SUBSCRIPTION}`,
      type: 'subscription',
      displayName: 'Test subscription',
      status: 'Active',
    },
  ],
  roleDefinitions: [
    [OWNER, 'Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
    [READER, 'Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'],
  ].map(([id, displayName, templateId]) => ({
    id,
    resourceId: SUBSCRIPTION,
    externalId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${templateId}`,
    displayName,
    templateId,
  })),
  subjects: [
    { id: ADMIN, type: 'User', displayName: 'Admin' },
    { id: DEVELOPER, type: 'User', displayName: 'Developer' },
  ],
  roleAssignments: [
    {
      id: '0e000000-0000-4000-8000-0000000000f1',
      resourceId: SUBSCRIPTION,
      roleDefinitionId: OWNER,
      subjectId: ADMIN,
      externalId: '/roleAssignments/0e000000-0000-4000-8000-0000000000f1',
      assignmentState: 'Active',
      memberType: 'Direct',
      status: 'Provisioned',
    },
  ],
};

/** HTTPS, as the Graph client sends tokens to https hosts only. */
const emulator = await startEmulator({ https: true });
// Both SDKs call through Node's fetch: it trusts the emulator's certificate too.
setGlobalDispatcher(
  new Agent({ connect: { ca: [...rootCertificates, emulator.ca ?? ''] } }),
);
const baseUrl = emulator.url;
const host = new URL(baseUrl).hostname;
/** The administrator's token: the seed makes this user an Owner of the subscription. */
const token = emulator.token({ objectId: ADMIN });

/** @microsoft/microsoft-graph-client: it sends the token to Graph's hosts and `customHosts` only. */
const graph = Client.init({
  baseUrl,
  defaultVersion: 'beta',
  customHosts: new Set([host]),
  authProvider: (done) => done(null, token),
});

/** @microsoft/msgraph-beta-sdk (Kiota): its request builders, pointed at the emulator. */
const adapter = new GraphBetaRequestAdapter(
  new BaseBearerTokenAuthenticationProvider({
    getAuthorizationToken: () => Promise.resolve(token),
    getAllowedHostsValidator: () => new AllowedHostsValidator(new Set([host])),
  }),
);
adapter.baseUrl = `${baseUrl}/beta`;
const kiota = createGraphBetaServiceClient(adapter);
const requestBuilder = (id: string) =>
  kiota.governanceRoleAssignmentRequests
    .byGovernanceRoleAssignmentRequestId(id)
    .withUrl(`${baseUrl}/beta${REQUESTS}/${id}`);
const cancelBuilder = (id: string) =>
  kiota.governanceRoleAssignmentRequests
    .byGovernanceRoleAssignmentRequestId(id)
    .cancel.withUrl(`${baseUrl}/beta${REQUESTS}/${id}/cancel`);

/** The emulator's control API over HTTP, for what `emulator` has no method for: plain fetch. */
async function control<T>(name: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/_emulator/${name}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(
    response.ok,
    `${name}: ${response.status} ${await response.clone().text()}`,
  );
  return (await response.json()) as T;
}

/** The Graph JS client hands back plain JSON: the fields these tests read. */
interface RequestJson {
  id: string;
  status: { subStatus: string };
}

async function createWithGraphClient(body: object): Promise<RequestJson> {
  return (await graph.api(REQUESTS).post(body)) as RequestJson;
}

/**
 * A time on the emulator's clock, which a suite may have moved (or pinned): requests are timed
 * by it, not by this machine's.
 */
function serviceTime(hoursAhead = 0): string {
  return new Date(
    emulator.clock.now().getTime() + hoursAhead * 3_600_000,
  ).toISOString();
}

function eligibleReaderFor(subjectId: string, startDateTime: string) {
  return {
    resourceId: SUBSCRIPTION,
    roleDefinitionId: READER,
    subjectId,
    assignmentState: 'Eligible',
    type: 'AdminAdd',
    reason: 'on-call rotation',
    schedule: { type: 'Once', startDateTime, duration: 'P7D' },
  };
}

beforeEach(async () => {
  await emulator.reset(seed);
});
after(() => emulator.close());

void test('an assignment asked for now is provisioned, and read back with both SDKs', async () => {
  const created = await createWithGraphClient(
    eligibleReaderFor(DEVELOPER, serviceTime()),
  );

  assert.equal(created.status.subStatus, 'Provisioned');
  const read = await requestBuilder(created.id).get();
  assert.equal(read?.subjectId, DEVELOPER);
  assert.ok(read?.requestedDateTime instanceof Date);
});

void test('a request for later is cancelled; cancelling it again is a Graph error in both SDKs', async () => {
  const later = serviceTime(1);
  const created = await createWithGraphClient(
    eligibleReaderFor(DEVELOPER, later),
  );
  assert.equal(created.status.subStatus, 'Granted');

  await cancelBuilder(created.id).post();

  const fromKiota = (await cancelBuilder(created.id)
    .post()
    .catch((error: unknown) => error)) as ODataError;
  assert.equal(fromKiota.responseStatusCode, 400);
  assert.equal(fromKiota.errorEscaped?.code, 'RequestCannotBeCancelled');
  const fromGraphClient = (await graph
    .api(`${REQUESTS}/${created.id}/cancel`)
    .post({})
    .catch((error: unknown) => error)) as GraphError;
  assert.ok(fromGraphClient instanceof GraphError);
  assert.equal(fromGraphClient.statusCode, 400);
  assert.equal(fromGraphClient.code, 'RequestCannotBeCancelled');
});

void test('moving the clock provisions a request at its start', async () => {
  const inTwoHours = serviceTime(2);
  const created = await createWithGraphClient(
    eligibleReaderFor(DEVELOPER, inTwoHours),
  );

  await emulator.clock.advance(3 * 3600);

  const read = await requestBuilder(created.id).get();
  assert.equal(read?.status?.subStatus, 'Provisioned');
  await emulator.clock.advance(-3 * 3600);
});

void test('a throttled call is retried by the SDK after Retry-After', async () => {
  const created = await createWithGraphClient(
    eligibleReaderFor(DEVELOPER, serviceTime()),
  );
  const path = `/beta${REQUESTS}/${created.id}`;
  await control('faults', {
    status: 429,
    count: 1,
    path,
    retryAfterSeconds: 1,
  });

  const read = (await graph
    .api(`${REQUESTS}/${created.id}`)
    .get()) as RequestJson;

  assert.equal(read.id, created.id);
  const calls = await control<{ value: { url: string; status: number }[] }>(
    'requests',
  );
  assert.deepEqual(
    calls.value.filter((call) => call.url === path).map((call) => call.status),
    [429, 200],
  );
});
