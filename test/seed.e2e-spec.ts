import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { SeedError } from '../src/seeding/seed-validation.js';
import { SeedService } from '../src/seeding/seed.service.js';
import request from 'supertest';
import {
  aRequest,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { referencedRecords } from './support/directory.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TENANT_A, USER_A, userToken } from './support/tokens.js';

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
      /^roleAssignmentz: unknown collection \(known: resources, subjects, roleDefinitions, roleSettings, roleAssignments, roleAssignmentRequests\)/,
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
