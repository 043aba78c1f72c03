import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { CANCELLABLE_SUB_STATUSES } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.model.js';
import { EXAMPLE_SEED_FILE, ExampleSeed } from '../src/seeding/example-seed.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  directories,
  freshDirectory,
  MAIN,
  REPO,
  type RunningServer,
  startServer,
  stop,
  stopAll,
  waitForOutput,
} from './support/built-app.js';
import {
  DOCUMENTED_REQUEST_ID,
  findStoredRequest,
  REQUESTS_PATH,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  createTestDatabase,
  type TestDatabase,
} from './support/test-database.js';
import {
  appToken,
  PRODUCTION_AUTH,
  REGISTERED_API_AUDIENCE,
  TENANT_A,
  TENANT_B,
  TEST_JWT_SECRET,
  userToken,
} from './support/tokens.js';

const AZURE_RESOURCES = '/beta/privilegedAccess/azureResources';
const LOADED_MESSAGE = 'loaded the example data';

type ExampleRecord = Record<string, unknown> & { id: string };
const EXAMPLE = JSON.parse(readFileSync(EXAMPLE_SEED_FILE, 'utf8')) as Record<
  string,
  ExampleRecord[]
>;
const EXPECTED_SUMMARY = {
  resources: 3,
  subjects: 9,
  roleDefinitions: 4,
  roleSettings: 4,
  roleAssignments: 11,
  roleAssignmentRequests: 17,
};

interface GraphList {
  value: Record<string, unknown>[];
}

interface RuleSetting {
  ruleIdentifier: string;
  setting: string;
}

function exampleRecord(collection: string, id: string): ExampleRecord {
  const record = EXAMPLE[collection].find((candidate) => candidate.id === id);
  if (!record) {
    throw new Error(`examples/seed.json has no ${collection} record ${id}`);
  }
  return record;
}

describe('the example data (examples/seed.json)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  async function list(
    collection: string,
    token = userToken(),
  ): Promise<Record<string, unknown>[]> {
    const response = await request(testApp.server)
      .get(`${AZURE_RESOURCES}/${collection}?$top=999`)
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return (response.body as GraphList).value;
  }

  function cancel(id: string, token = userToken()) {
    return request(testApp.server)
      .post(`${REQUESTS_PATH}/${id}/cancel`)
      .set('Authorization', `Bearer ${token}`);
  }

  it('is not loaded into a test app: SEED_EXAMPLE is off with NODE_ENV=test', async () => {
    expect(testApp.config.seedExample).toBe(false);
    expect(await list('resources')).toEqual([]);
  });

  it('loads through SeedService: every collection, all of one tenant, every id a GUID', async () => {
    const summary = await testApp.app
      .get(SeedService)
      .seedFile(EXAMPLE_SEED_FILE);

    expect(summary).toEqual(EXPECTED_SUMMARY);
    const records = Object.values(EXAMPLE).flat();
    expect(new Set(records.map((record) => record.tenantId))).toEqual(
      new Set([TENANT_A]),
    );
    const guid =
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const record of records) {
      expect(record.id).toMatch(guid);
    }
  });

  it('lists the subscription and its two resource groups', async () => {
    const resources = await list('resources');

    expect(resources).toHaveLength(3);
    const subscription = resources.find(
      (resource) => resource.type === 'subscription',
    );
    expect(subscription).toMatchObject({ displayName: 'Contoso Production' });
    const groups = EXAMPLE.resources.filter(
      (resource) => resource.type === 'resourcegroup',
    );
    expect(groups.map((group) => group.parentId)).toEqual([
      subscription!.id,
      subscription!.id,
    ]);
  });

  it('lists Owner, Contributor, Reader and User Access Administrator with their Azure role ids', async () => {
    const definitions = await list('roleDefinitions');

    expect(
      Object.fromEntries(
        definitions.map((definition) => [
          definition.displayName,
          definition.templateId,
        ]),
      ),
    ).toEqual({
      Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
      Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    });
  });

  it('has role settings where Owner, Contributor and User Access Administrator need an approver, Reader none', async () => {
    const definitions = await list('roleDefinitions');
    const settings = await list('roleSettings');

    const approvalByRole = Object.fromEntries(
      settings.map((setting) => {
        const rule = (setting.userMemberSettings as RuleSetting[]).find(
          (candidate) => candidate.ruleIdentifier === 'ApprovalRule',
        );
        const approval = JSON.parse(rule!.setting) as {
          Enabled: boolean;
          Approvers: { Id: string }[];
        };
        const role = definitions.find(
          (definition) => definition.id === setting.roleDefinitionId,
        );
        return [
          role!.displayName,
          approval.Enabled && approval.Approvers.length > 0,
        ];
      }),
    );
    expect(approvalByRole).toEqual({
      Owner: true,
      Contributor: true,
      Reader: false,
      'User Access Administrator': true,
    });
  });

  it('links each activation to an eligible assignment of the same subject and role', async () => {
    const assignments = await list('roleAssignments');

    expect(assignments).toHaveLength(11);
    const activations = assignments.filter(
      (assignment) => assignment.linkedEligibleRoleAssignmentId,
    );
    expect(activations.length).toBeGreaterThanOrEqual(2);
    for (const activation of activations) {
      expect(activation.assignmentState).toBe('Active');
      const eligible = assignments.find(
        (assignment) =>
          assignment.id === activation.linkedEligibleRoleAssignmentId,
      );
      expect(eligible).toMatchObject({
        assignmentState: 'Eligible',
        subjectId: activation.subjectId,
        roleDefinitionId: activation.roleDefinitionId,
      });
    }
  });

  it('answers GET of the documentation request: a Graph-shaped activation waiting for approval', async () => {
    const response = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}`)
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: DOCUMENTED_REQUEST_ID,
      type: 'UserAdd',
      assignmentState: 'Active',
      linkedEligibleRoleAssignmentId: exampleRecord(
        'roleAssignmentRequests',
        DOCUMENTED_REQUEST_ID,
      ).linkedEligibleRoleAssignmentId,
      schedule: { type: 'Once', duration: 'PT8H', endDateTime: null },
      status: {
        status: 'InProgress',
        subStatus: 'PendingApproval',
        statusDetails: expect.arrayContaining([
          { key: 'ApprovalRule', value: 'Pending' },
        ]) as unknown,
      },
    });
  });

  it('holds requests in many sub-statuses', async () => {
    const requests = await list('roleAssignmentRequests');

    expect(requests).toHaveLength(17);
    const subStatuses = new Set(
      requests.map(
        (stored) => (stored.status as { subStatus: string }).subStatus,
      ),
    );
    expect([...subStatuses]).toEqual(
      expect.arrayContaining([
        'PendingApproval',
        'PendingApprovalProvisioning',
        'PendingAdminDecision',
        'PendingEvaluation',
        'Granted',
        'Provisioned',
        'Denied',
        'Canceled',
        'TimedOut',
        'Revoked',
        'AdminDenied',
      ]),
    );
  });

  it('shows tenant B nothing of it', async () => {
    const otherTenant = userToken(undefined, { tenantId: TENANT_B });

    expect(await list('resources', otherTenant)).toEqual([]);
    expect(await list('roleAssignmentRequests', otherTenant)).toEqual([]);
  });

  it('cancels the documentation request (its requestor) with 204, and, as an application, each other request exactly when its sub-status allows', async () => {
    const first = await cancel(DOCUMENTED_REQUEST_ID);
    expect(first.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, DOCUMENTED_REQUEST_ID),
    ).toMatchObject({ status: 'Closed', subStatus: 'Canceled' });

    for (const record of EXAMPLE.roleAssignmentRequests) {
      if (record.id === DOCUMENTED_REQUEST_ID) {
        continue;
      }
      const subStatus = (record.status as { subStatus: string }).subStatus;
      // An application may cancel any request of the tenant; a user only some (who may cancel).
      const response = await cancel(record.id, appToken());
      const cancellable = (CANCELLABLE_SUB_STATUSES as string[]).includes(
        subStatus,
      );
      expect([subStatus, response.status]).toEqual([
        subStatus,
        cancellable ? 204 : 400,
      ]);
      if (!cancellable) {
        expect(response.body).toMatchObject({
          error: { code: 'RequestCannotBeCancelled' },
        });
      }
    }
  });
});

describe('the example data, loaded on any date', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const emulator = (route: string, body: object) =>
    request(testApp.server)
      .post(`/_emulator/${route}`)
      .set('Authorization', `Bearer ${userToken()}`)
      .send(body);

  async function list(collection: string): Promise<Record<string, unknown>[]> {
    const response = await request(testApp.server)
      .get(`${AZURE_RESOURCES}/${collection}?$top=999`)
      .set('Authorization', `Bearer ${appToken()}`);
    expect(response.status).toBe(200);
    return (response.body as GraphList).value;
  }

  const instant = (value: unknown) => new Date(value as string).getTime();

  it.each([
    '2027-06-01T00:00:00Z',
    '2031-02-28T23:30:00Z',
    '2040-02-29T12:00:00Z',
    '2099-12-31T23:59:00Z',
  ])(
    'at %s, after the scheduler has run once: the documentation request waits for approval, waiting requests are recent, eligible assignments are current',
    async (moment) => {
      expect((await emulator('clock', { dateTime: moment })).status).toBe(200);
      expect((await emulator('reset', { seed: EXAMPLE })).status).toBe(200);

      const run = await emulator('clock', { advanceSeconds: 60 });

      expect(run.body).toMatchObject({
        scheduler: { revoked: 0, timedOut: 0 },
      });
      const now = instant(run.body.now);
      const requests = await list('roleAssignmentRequests');
      const documented = requests.find(
        ({ id }) => id === DOCUMENTED_REQUEST_ID,
      );
      expect(documented?.status).toMatchObject({
        status: 'InProgress',
        subStatus: 'PendingApproval',
      });
      const pendingTimeout =
        testApp.config.lifecycle.pendingTimeoutHours * 3_600_000;
      const waiting = requests.filter(({ status }) =>
        ['PendingApproval', 'PendingAdminDecision'].includes(
          (status as { subStatus: string }).subStatus,
        ),
      );
      expect(waiting.length).toBeGreaterThanOrEqual(2);
      for (const { requestedDateTime } of waiting) {
        expect(now - instant(requestedDateTime)).toBeLessThan(pendingTimeout);
      }
      const eligible = (await list('roleAssignments')).filter(
        ({ assignmentState }) => assignmentState === 'Eligible',
      );
      expect(eligible).toHaveLength(6);
      for (const { startDateTime, endDateTime } of eligible) {
        expect(instant(startDateTime)).toBeLessThanOrEqual(now);
        expect(endDateTime === null || instant(endDateTime) > now).toBe(true);
      }
    },
  );
});

describe('SEED_EXAMPLE: ExampleSeed, as main.ts calls it at start', () => {
  it('loads into a new database once; called again it finds data, loads nothing and keeps what changed', async () => {
    const testApp = await startTestApp({ SEED_EXAMPLE: 'true' });
    try {
      const examples = testApp.app.get(ExampleSeed);

      expect(await examples.loadIfDatabaseIsNew()).toEqual(EXPECTED_SUMMARY);
      const cancelled = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}/cancel`)
        .set('Authorization', `Bearer ${userToken()}`);
      expect(cancelled.status).toBe(204);

      expect(await examples.loadIfDatabaseIsNew()).toBeUndefined();
      expect(
        await findStoredRequest(testApp.dataSource, DOCUMENTED_REQUEST_ID),
      ).toMatchObject({ status: 'Closed', subStatus: 'Canceled' });
    } finally {
      await testApp.close();
    }
  });

  it('does not load it when SEED_FILE is given: that file is loaded instead', async () => {
    const testApp = await startTestApp({
      SEED_EXAMPLE: 'true',
      SEED_FILE: path.join(REPO, 'examples', 'cancel-example.seed.json'),
    });
    try {
      expect(
        await testApp.app.get(ExampleSeed).loadIfDatabaseIsNew(),
      ).toBeUndefined();
      const response = await request(testApp.server)
        .get(`${AZURE_RESOURCES}/roleAssignmentRequests`)
        .set('Authorization', `Bearer ${userToken()}`);
      expect((response.body as GraphList).value).toHaveLength(1);
    } finally {
      await testApp.close();
    }
  });

  it('does not load it with SEED_EXAMPLE=false', async () => {
    const testApp = await startTestApp({ SEED_EXAMPLE: 'false' });
    try {
      expect(
        await testApp.app.get(ExampleSeed).loadIfDatabaseIsNew(),
      ).toBeUndefined();
      expect(
        await findStoredRequest(
          testApp.dataSource,
          DOCUMENTED_REQUEST_ID,
        ).catch(() => undefined),
      ).toBeUndefined();
    } finally {
      await testApp.close();
    }
  });
});

describe('npm start (node dist/main.js) on a new database', () => {
  const databases: TestDatabase[] = [];

  beforeAll(() => {
    expect(readFileSync(MAIN, 'utf8')).toContain('loadIfDatabaseIsNew');
  });
  afterAll(async () => {
    await stopAll();
    await Promise.all(databases.map((database) => database.drop()));
    for (const directory of directories) {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  /** A working directory of its own (not the package's) and a new database. */
  async function newDatabase(): Promise<{ directory: string; url: string }> {
    const directory = freshDirectory();
    const database = await createTestDatabase(directory);
    databases.push(database);
    return { directory, url: database.url };
  }

  async function started(
    directory: string,
    env: Record<string, string>,
  ): Promise<RunningServer> {
    const server = await startServer(directory, {
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      ...env,
    });
    await waitForOutput(server, 'Serving ');
    return server;
  }

  async function get(
    server: RunningServer,
    route: string,
    token = userToken(),
  ) {
    const response = await fetch(`${server.baseUrl}${route}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as GraphList & Record<string, unknown>,
    };
  }

  it('loads the example from the package, whatever the working directory, and logs it; a restart loads nothing and keeps a cancel', async () => {
    const { directory, url } = await newDatabase();

    const first = await started(directory, { DATABASE_URL: url });

    expect(first.output()).toContain(LOADED_MESSAGE);
    expect(first.output()).toContain(EXAMPLE_SEED_FILE);
    expect(
      (await get(first, `${AZURE_RESOURCES}/resources`)).body.value,
    ).toHaveLength(3);
    const cancelled = await fetch(
      `${first.baseUrl}${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}/cancel`,
      { method: 'POST', headers: { Authorization: `Bearer ${userToken()}` } },
    );
    expect(cancelled.status).toBe(204);
    await stop(first.child);

    const second = await started(directory, { DATABASE_URL: url });

    expect(second.output()).not.toContain(LOADED_MESSAGE);
    const documented = await get(
      second,
      `${REQUESTS_PATH}/${DOCUMENTED_REQUEST_ID}`,
    );
    expect(documented.body).toMatchObject({
      status: { status: 'Closed', subStatus: 'Canceled' },
    });
    expect(
      (await get(second, `${AZURE_RESOURCES}/roleAssignmentRequests`)).body
        .value,
    ).toHaveLength(17);
  });

  it('with SEED_FILE, loads that file and not the example', async () => {
    const { directory, url } = await newDatabase();

    const server = await started(directory, {
      DATABASE_URL: url,
      SEED_FILE: path.join(REPO, 'examples', 'cancel-example.seed.json'),
    });

    expect(server.output()).not.toContain(LOADED_MESSAGE);
    expect(
      (await get(server, `${AZURE_RESOURCES}/resources`)).body.value,
    ).toHaveLength(1);
    expect(
      (await get(server, `${AZURE_RESOURCES}/roleAssignmentRequests`)).body
        .value,
    ).toHaveLength(1);
  });

  it('with NODE_ENV=production, does not load it', async () => {
    const { directory, url } = await newDatabase();

    const server = await started(directory, {
      DATABASE_URL: url,
      NODE_ENV: 'production',
      ...PRODUCTION_AUTH,
    });

    expect(server.output()).not.toContain(LOADED_MESSAGE);
    expect(
      (
        await get(
          server,
          `${AZURE_RESOURCES}/resources`,
          userToken(undefined, { audience: REGISTERED_API_AUDIENCE }),
        )
      ).body.value,
    ).toEqual([]);
  });
});
