import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ResourceEntity } from '../src/privileged-access/azure-resources/resources/resource.entity.js';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { RoleAssignmentRequestsSeeder } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-requests.seeder.js';
import { SeedError } from '../src/seeding/seed-validation.js';
import { SeedService } from '../src/seeding/seed.service.js';
import request from 'supertest';
import {
  aRequest,
  findStoredRequest,
  REQUESTS_PATH,
  storedRequestsWithId,
  storeRequests,
} from './support/requests.js';
import {
  assignmentRecord,
  referencedRecords,
  RESOURCE_ID,
  ROLE_DEFINITION_ID,
} from './support/directory.js';
import { Clock } from '../src/clock/clock.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  TENANT_A,
  TENANT_B,
  USER_A,
  userToken,
} from './support/tokens.js';

/** A Graph-shaped request as a seed file holds it. */
function seedRecord(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.governanceRoleAssignmentRequest',
    id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    tenantId: TENANT_A,
    requestorId: USER_A,
    resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
    roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
    subjectId: USER_A,
    linkedEligibleRoleAssignmentId: null,
    type: 'AdminAdd',
    assignmentState: 'Eligible',
    requestedDateTime: '2026-11-27T08:00:00Z',
    reason: null,
    schedule: {
      type: 'Once',
      startDateTime: '2026-11-27T08:00:00Z',
      endDateTime: null,
      duration: null,
    },
    status: {
      status: 'InProgress',
      subStatus: 'Granted',
      statusDetails: [{ key: 'EligibilityRule', value: 'Grant' }],
    },
    ...overrides,
  };
}

describe('seeding (npm run seed, SEED_FILE)', () => {
  let testApp: TestApp;
  let seeds: SeedService;

  beforeAll(async () => {
    testApp = await startTestApp();
    seeds = testApp.app.get(SeedService);
    // What the requests refer to is stored once: the reference checks find it there.
    await seeds.seed(referencedRecords());
  });
  afterAll(() => testApp.close());
  beforeEach(() =>
    testApp.dataSource.getRepository(RoleAssignmentRequestEntity).clear(),
  );

  async function storedCount(): Promise<number> {
    return testApp.dataSource
      .getRepository(RoleAssignmentRequestEntity)
      .count();
  }

  it('stores Graph-shaped records with their tenant', async () => {
    const summary = await seeds.seed({
      roleAssignmentRequests: [seedRecord()],
    });

    expect(summary).toEqual({ roleAssignmentRequests: 1 });
    expect(
      await findStoredRequest(
        testApp.dataSource,
        '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      ),
    ).toMatchObject({
      tenantId: TENANT_A,
      requestorId: USER_A,
      type: 'AdminAdd',
      assignmentState: 'Eligible',
      requestedDateTime: new Date('2026-11-27T08:00:00Z'),
      scheduleType: 'Once',
      scheduleStartDateTime: new Date('2026-11-27T08:00:00Z'),
      scheduleEndDateTime: null,
      status: 'InProgress',
      subStatus: 'Granted',
      statusDetails: [{ key: 'EligibilityRule', value: 'Grant' }],
    });
  });

  it('writes all of a seed or none of it: a collection that fails to write undoes those written before it', async () => {
    const requests = testApp.app.get(RoleAssignmentRequestsSeeder);
    const write = jest
      .spyOn(requests, 'write')
      .mockRejectedValue(new Error('the disk filled up'));
    try {
      await expect(
        seeds.seed({
          ...referencedRecords(TENANT_B),
          roleAssignmentRequests: [seedRecord({ tenantId: TENANT_B })],
        }),
      ).rejects.toThrow('the disk filled up');
    } finally {
      write.mockRestore();
    }

    expect(
      await testApp.dataSource
        .getRepository(ResourceEntity)
        .countBy({ tenantId: TENANT_B }),
    ).toBe(0);
  });

  it('upserts by id: a record seeded again replaces the stored one', async () => {
    const stored = aRequest({
      id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      subStatus: 'Canceled',
      status: 'Closed',
    });
    await storeRequests(testApp.dataSource, stored);

    await seeds.seed({
      roleAssignmentRequests: [seedRecord({ id: stored.id.toUpperCase() })],
    });

    expect(await storedCount()).toBe(1);
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({ subStatus: 'Granted' });
  });

  it('keeps one id of two tenants apart: a seed of one tenant leaves the other’s request alone', async () => {
    await seeds.seed(referencedRecords(TENANT_B));
    await seeds.seed({
      roleAssignmentRequests: [seedRecord({ reason: 'asked in tenant A' })],
    });

    await seeds.seed({
      roleAssignmentRequests: [
        seedRecord({
          tenantId: TENANT_B,
          reason: 'asked in tenant B',
          status: { status: 'InProgress', subStatus: 'PendingApproval' },
        }),
      ],
    });
    await seeds.seed({
      roleAssignmentRequests: [
        seedRecord({ reason: 'asked again in tenant A' }),
      ],
    });

    expect(
      await storedRequestsWithId(
        testApp.dataSource,
        '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      ),
    ).toEqual([
      expect.objectContaining({
        tenantId: TENANT_A,
        reason: 'asked again in tenant A',
        subStatus: 'Granted',
      }),
      expect.objectContaining({
        tenantId: TENANT_B,
        reason: 'asked in tenant B',
        subStatus: 'PendingApproval',
      }),
    ]);
  });

  it('takes one id in two tenants in one document: a record repeats only an id of its own tenant', async () => {
    await seeds.seed(referencedRecords(TENANT_B));

    const summary = await seeds.seed({
      roleAssignmentRequests: [
        seedRecord({ reason: 'asked in tenant A' }),
        seedRecord({ tenantId: TENANT_B, reason: 'asked in tenant B' }),
      ],
    });

    expect(summary).toEqual({ roleAssignmentRequests: 2 });
    expect(
      (
        await storedRequestsWithId(
          testApp.dataSource,
          '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
        )
      ).map(({ tenantId, reason }) => [tenantId, reason]),
    ).toEqual([
      [TENANT_A, 'asked in tenant A'],
      [TENANT_B, 'asked in tenant B'],
    ]);
  });

  it('reports every invalid record by index and field, and writes nothing', async () => {
    const document = {
      roleAssignmentRequests: [
        seedRecord({ id: 'a0000000-0000-4000-8000-000000000001' }),
        seedRecord({
          id: 'not-a-guid',
          status: { status: 'InProgress', subStatus: 'Pending' },
        }),
        seedRecord({
          id: 'a0000000-0000-4000-8000-000000000003',
          type: 'Grant',
          assignmentStat: 'Active',
        }),
        seedRecord({
          id: 'a0000000-0000-4000-8000-000000000004',
          schedule: { startDateTime: 'tomorrow' },
        }),
        seedRecord({ id: 'a0000000-0000-4000-8000-000000000001' }),
        seedRecord({
          id: 'a0000000-0000-4000-8000-000000000006',
          schedule: { startDateTime: '20261128T100000Z' },
        }),
        seedRecord({
          id: 'a0000000-0000-4000-8000-000000000007',
          schedule: { duration: `PT${'0'.repeat(80)}1H` },
        }),
      ],
    };

    const failure = await seeds.seed(document).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SeedError);
    const problems = (failure as SeedError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^roleAssignmentRequests\[1\]\.id: id must be a GUID/,
        ),
        expect.stringMatching(
          /^roleAssignmentRequests\[1\]\.status\.subStatus: /,
        ),
        expect.stringMatching(/^roleAssignmentRequests\[2\]\.type: /),
        expect.stringMatching(
          /^roleAssignmentRequests\[2\]\.assignmentStat: property assignmentStat should not exist/,
        ),
        expect.stringMatching(
          /^roleAssignmentRequests\[3\]\.schedule\.startDateTime: /,
        ),
        'roleAssignmentRequests[4].id: repeats the id of roleAssignmentRequests[0]',
        expect.stringMatching(
          /^roleAssignmentRequests\[5\]\.schedule\.startDateTime: /,
        ),
        expect.stringMatching(
          /^roleAssignmentRequests\[6\]\.schedule\.duration: .*64 characters/,
        ),
      ]),
    );
    expect(
      problems.some((problem) =>
        problem.startsWith('roleAssignmentRequests[0]'),
      ),
    ).toBe(false);
    expect(await storedCount()).toBe(0);
  });

  it.each([
    [
      'an unknown collection',
      { roleAssignmentz: [] },
      /^roleAssignmentz: unknown collection \(known: resources, subjects, roleDefinitions, roleSettings, roleAssignments, clients, roleAssignmentRequests\)/,
    ],
    [
      'a collection that is not an array',
      { roleAssignmentRequests: {} },
      /^roleAssignmentRequests: must be an array/,
    ],
    ['a document that is not an object', [], /^the seed must be a JSON object/],
    [
      'a record that is not an object',
      { roleAssignmentRequests: [42] },
      /^roleAssignmentRequests\[0\]: must be an object/,
    ],
  ])('refuses %s', async (_case, document, problem) => {
    const failure = await seeds.seed(document).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SeedError);
    expect((failure as SeedError).problems).toEqual([
      expect.stringMatching(problem),
    ]);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const file = path.join(testApp.directory, 'broken.json');
    writeFileSync(file, '{"roleAssignmentRequests": [');

    await expect(seeds.seedFile(file)).rejects.toThrow(
      `${file}: is not valid JSON`,
    );
  });

  it('loads the example file of the README, whose request can then be cancelled', async () => {
    const summary = await seeds.seedFile('examples/cancel-example.seed.json');

    expect(summary).toEqual({
      resources: 1,
      roleDefinitions: 1,
      subjects: 1,
      roleAssignmentRequests: 1,
    });
    const response = await request(testApp.server)
      .post(`${REQUESTS_PATH}/7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee/cancel`)
      .set('Authorization', `Bearer ${userToken()}`);
    expect(response.status).toBe(204);
  });

  it('loads SEED_FILE when the service starts', async () => {
    const file = path.join(testApp.directory, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...referencedRecords(),
        roleAssignmentRequests: [seedRecord()],
      }),
    );
    const seeded = await startTestApp({ SEED_FILE: file });
    try {
      expect(
        await findStoredRequest(
          seeded.dataSource,
          '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
        ),
      ).toMatchObject({
        subStatus: 'Granted',
      });
    } finally {
      await seeded.close();
    }
  });

  it('loads a SEED_FILE of another tenant beside a stored request of the same id', async () => {
    await seeds.seed({
      roleAssignmentRequests: [seedRecord({ reason: 'asked in tenant A' })],
    });
    const file = path.join(testApp.directory, 'tenant-b.seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...referencedRecords(TENANT_B),
        roleAssignmentRequests: [
          seedRecord({ tenantId: TENANT_B, reason: 'asked in tenant B' }),
        ],
      }),
    );

    const seeded = await startTestApp({
      DATABASE_URL: testApp.databaseUrl,
      SEED_FILE: file,
    });
    try {
      expect(
        (
          await storedRequestsWithId(
            seeded.dataSource,
            '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
          )
        ).map(({ tenantId, reason }) => [tenantId, reason]),
      ).toEqual([
        [TENANT_A, 'asked in tenant A'],
        [TENANT_B, 'asked in tenant B'],
      ]);
    } finally {
      await seeded.close();
    }
  });

  it('does not start with an invalid SEED_FILE', async () => {
    const file = path.join(testApp.directory, 'invalid.json');
    writeFileSync(
      file,
      JSON.stringify({
        roleAssignmentRequests: [seedRecord({ tenantId: 'x' })],
      }),
    );

    await expect(startTestApp({ SEED_FILE: file })).rejects.toThrow(
      /roleAssignmentRequests\[0\]\.tenantId/,
    );
  });
});

describe('relative times in seeds: now, now+<duration>, now-<duration>', () => {
  /** The service clock's reading while each test seeds; far from any real date. */
  const MOMENT = new Date('2041-03-05T06:07:08.000Z');
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const ASSIGNMENT_ID = '5a5a5a5a-0000-4000-8000-00000000005a';
  const SETTING_ID = '4e4e4e4e-0000-4000-8000-00000000004e';
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    jest.spyOn(testApp.app.get(Clock), 'now').mockReturnValue(MOMENT);
  });
  afterEach(() => jest.restoreAllMocks());

  const emulator = (route: string) =>
    request(testApp.server)
      .post(`/_emulator/${route}`)
      .set('Authorization', `Bearer ${userToken()}`);

  async function read(path: string): Promise<Record<string, unknown>> {
    const response = await request(testApp.server)
      .get(`/beta/privilegedAccess/azureResources/${path}`)
      .set('Authorization', `Bearer ${appToken()}`);
    expect(response.status).toBe(200);
    return response.body as Record<string, unknown>;
  }

  /** An ISO 8601 date-time as an instant, whatever its precision. */
  const instant = (value: unknown) => new Date(value as string).getTime();

  /** A document naming a relative time in every date-time field of every collection. */
  function relativeDocument() {
    const directory = referencedRecords();
    return {
      ...directory,
      resources: directory.resources.map((resource) => ({
        ...resource,
        registeredDateTime: 'now-P400D',
      })),
      roleSettings: [
        {
          id: SETTING_ID,
          tenantId: TENANT_A,
          resourceId: RESOURCE_ID,
          roleDefinitionId: ROLE_DEFINITION_ID,
          lastUpdatedDateTime: 'now-PT30M',
        },
      ],
      roleAssignments: [
        assignmentRecord(TENANT_A, {
          id: ASSIGNMENT_ID,
          resourceId: RESOURCE_ID,
          roleDefinitionId: ROLE_DEFINITION_ID,
          subjectId: USER_A,
          assignmentState: 'Eligible',
          startDateTime: 'now-P30D',
          endDateTime: 'now+P1Y',
        }),
      ],
      roleAssignmentRequests: [
        seedRecord({
          requestedDateTime: 'now-PT2H',
          schedule: {
            type: 'Once',
            startDateTime: 'now',
            endDateTime: 'now+P90D',
            duration: null,
          },
        }),
      ],
    };
  }

  it('reads them at the service clock, in every date-time field of every collection', async () => {
    await testApp.app.get(SeedService).seed(relativeDocument());

    const at = (offset: number) => MOMENT.getTime() + offset;
    const resource = await read(`resources/${RESOURCE_ID}`);
    expect(instant(resource.registeredDateTime)).toBe(at(-400 * DAY));
    const setting = await read(`roleSettings/${SETTING_ID}`);
    expect(instant(setting.lastUpdatedDateTime)).toBe(at(-0.5 * HOUR));
    const assignment = await read(`roleAssignments/${ASSIGNMENT_ID}`);
    expect(instant(assignment.startDateTime)).toBe(at(-30 * DAY));
    expect(instant(assignment.endDateTime)).toBe(at(365 * DAY));
    const stored = await read(
      'roleAssignmentRequests/7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    );
    const schedule = stored.schedule as Record<string, unknown>;
    expect(instant(stored.requestedDateTime)).toBe(at(-2 * HOUR));
    expect(instant(schedule.startDateTime)).toBe(at(0));
    expect(instant(schedule.endDateTime)).toBe(at(90 * DAY));
  });

  it('takes them in /_emulator/reset and /_emulator/seed bodies too', async () => {
    const reset = await emulator('reset').send({ seed: relativeDocument() });
    expect(reset.status).toBe(200);
    const assignment = await read(`roleAssignments/${ASSIGNMENT_ID}`);
    expect(instant(assignment.endDateTime)).toBe(MOMENT.getTime() + 365 * DAY);

    const seeded = await emulator('seed').send({
      roleAssignmentRequests: [seedRecord({ requestedDateTime: 'now-P1D' })],
    });
    expect(seeded.status).toBe(200);
    const stored = await read(
      'roleAssignmentRequests/7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    );
    expect(instant(stored.requestedDateTime)).toBe(MOMENT.getTime() - DAY);
  });

  it('names an invalid relative time by collection, index and field, once, and writes nothing', async () => {
    await testApp.app.get(SeedService).seed(referencedRecords());
    const document = {
      roleAssignmentRequests: [
        seedRecord({ id: '7c53453e-0000-4000-8000-000000000001' }),
        seedRecord({
          id: '7c53453e-0000-4000-8000-000000000002',
          requestedDateTime: 'now-2 hours',
          schedule: { startDateTime: 'now+P20000Y' },
        }),
      ],
    };

    const refused = testApp.app.get(SeedService).seed(document);

    await expect(refused).rejects.toThrow(SeedError);
    await expect(refused).rejects.toMatchObject({
      problems: [
        "roleAssignmentRequests[1].requestedDateTime: 'now-2 hours' is not a relative time; write now, now+P90D or now-PT2H (an ISO 8601 duration)",
        "roleAssignmentRequests[1].schedule.startDateTime: 'now+P20000Y' falls outside the years 0001 to 9999",
      ],
    });
    const answer = await emulator('seed').send(document);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(
      "roleAssignmentRequests[1].requestedDateTime: 'now-2 hours' is not a relative time",
    );
    const list = await read('roleAssignmentRequests');
    const stored = (list.value as { id: string }[]).map(({ id }) => id);
    expect(stored).not.toContain('7c53453e-0000-4000-8000-000000000001');
  });
});
