import request from 'supertest';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import {
  PRIVILEGED_ROLE_ADMINISTRATOR,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import { REQUESTS_PATH } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import { TENANT_A, userToken } from './support/tokens.js';

/**
 * One range of instants, the years 0001 to 9999 UTC, taken and given back by every surface:
 * request bodies, `$filter`, seeds and the emulator's clock; and never left by what is computed
 * from them (a start plus a duration, the clock moved).
 */
const RESOURCE = fixtureId('da000000', 1);
const READER = fixtureId('da100000', 1);
const ADMIN = fixtureId('da200000', 1);
const SUBJECTS = [1, 2, 3, 4, 5, 6].map((n) => fixtureId('da300000', n));
const ASSIGNMENTS_PATH =
  '/beta/privilegedAccess/azureResources/roleAssignments';

const FIRST = '0001-01-01T00:00:00.000Z';
const TWO_DIGIT_YEAR = '0050-06-15T10:20:30.456Z';
const LAST = '9999-12-31T23:59:59.999Z';
// Each is in range as written, out of it in UTC, or out of it either way.
const OUTSIDE = [
  '9999-12-31T23:59:59-00:01',
  '0001-01-01T00:00:00+00:01',
  '0000-12-31T23:59:59.999Z',
  '10009-01-01T00:00:00Z',
];
const RANGE_MESSAGE =
  'must be an ISO 8601 date-time such as 2026-11-28T10:00:00Z, in the years 0001 to 9999 (UTC)';

// A PIM administrator: may assign any role, no Owner assignment needed.
const admin = userToken(undefined, {
  objectId: ADMIN,
  directoryRoleIds: [PRIVILEGED_ROLE_ADMINISTRATOR],
});

function directory() {
  return {
    resources: [resourceRecord(TENANT_A, RESOURCE)],
    roleDefinitions: [
      roleDefinitionRecord(TENANT_A, READER, RESOURCE, ROLE_TEMPLATES.reader),
    ],
    subjects: [ADMIN, ...SUBJECTS].map((id) => userRecord(TENANT_A, id)),
  };
}

function eligibility(subjectId: string, schedule: Record<string, unknown>) {
  return {
    resourceId: RESOURCE,
    roleDefinitionId: READER,
    subjectId,
    assignmentState: 'Eligible',
    type: 'AdminAdd',
    schedule: { type: 'Once', ...schedule },
  };
}

describe('dates: the years 0001 to 9999 (UTC), on every surface', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  beforeEach(async () => {
    testApp.clock.setTo(TEST_NOW);
    const reset = await call('post', '/_emulator/reset').send({
      seed: directory(),
    });
    expect(reset.status).toBe(200);
  });

  const call = (method: 'get' | 'post', path: string) =>
    request(testApp.server)
      [method](path)
      .set('Authorization', `Bearer ${admin}`);

  const list = async (path: string, query: Record<string, string>) => {
    const response = await call('get', path).query(query);
    expect(response.status).toBe(200);
    return response.body.value as Record<string, unknown>[];
  };

  const storedRequests = () =>
    testApp.dataSource
      .getRepository(RoleAssignmentRequestEntity)
      .countBy({ tenantId: TENANT_A });

  it('stores a schedule of the years 0001 to 0099 and up to the last instant of 9999, and gives it back to the millisecond', async () => {
    const created = await call('post', REQUESTS_PATH).send(
      eligibility(SUBJECTS[0], {
        startDateTime: TWO_DIGIT_YEAR,
        endDateTime: LAST,
      }),
    );
    const fromFirst = await call('post', REQUESTS_PATH).send(
      eligibility(SUBJECTS[1], { startDateTime: FIRST, endDateTime: LAST }),
    );

    expect(created.status).toBe(201);
    expect(fromFirst.status).toBe(201);
    const read = await call('get', `${REQUESTS_PATH}/${created.body.id}`);
    expect(read.body.schedule).toMatchObject({
      startDateTime: TWO_DIGIT_YEAR,
      endDateTime: LAST,
    });
    expect(
      await list(REQUESTS_PATH, {
        $filter: `schedule/startDateTime eq ${TWO_DIGIT_YEAR}`,
      }),
    ).toEqual([expect.objectContaining({ id: created.body.id })]);
    expect(
      await list(REQUESTS_PATH, {
        $filter: 'schedule/startDateTime lt 0050-06-15',
      }),
    ).toEqual([expect.objectContaining({ id: fromFirst.body.id })]);
    const assignments = await list(ASSIGNMENTS_PATH, {
      $filter: `startDateTime le ${TWO_DIGIT_YEAR} and endDateTime eq ${LAST}`,
    });
    expect(assignments).toHaveLength(2);
    expect(assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subjectId: SUBJECTS[0],
          startDateTime: TWO_DIGIT_YEAR,
        }),
        expect.objectContaining({
          subjectId: SUBJECTS[1],
          startDateTime: FIRST,
        }),
      ]),
    );
  });

  it.each(
    OUTSIDE.flatMap((date) => [
      ['startDateTime', date],
      ['endDateTime', date],
    ]),
  )(
    'refuses a schedule %s of %s as a bad request, and writes nothing',
    async (property, date) => {
      const response = await call('post', REQUESTS_PATH).send(
        eligibility(SUBJECTS[2], { [property]: date }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message: expect.stringContaining(
          `body.schedule.${property}: ${property} ${RANGE_MESSAGE}`,
        ) as string,
      });
      expect(await storedRequests()).toBe(0);
    },
  );

  it('refuses a duration that would end the schedule after 9999, rather than store its end cut to four digits', async () => {
    const response = await call('post', REQUESTS_PATH).send(
      eligibility(SUBJECTS[2], {
        startDateTime: '9999-12-01T00:00:00Z',
        duration: 'P1Y',
      }),
    );

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(
      expect.objectContaining({
        code: 'BadRequest',
        message:
          'The schedule ends after 9999-12-31T23:59:59.999Z, outside the years 0001 to 9999: its duration is too long.',
      }),
    );
    expect(await storedRequests()).toBe(0);
  });

  it('takes a duration that ends the schedule at the last instant of 9999', async () => {
    const response = await call('post', REQUESTS_PATH).send(
      eligibility(SUBJECTS[2], {
        startDateTime: '9999-12-30T23:59:59.999Z',
        duration: 'P1D',
      }),
    );

    expect(response.status).toBe(201);
    const read = await call('get', `${REQUESTS_PATH}/${response.body.id}`);
    expect(read.body.schedule.endDateTime).toBe(LAST);
  });

  it('refuses an updateRequest schedule outside the years as a bad request', async () => {
    const response = await call(
      'post',
      `${REQUESTS_PATH}/${fixtureId('da400000', 1)}/updateRequest`,
    ).send({
      decision: 'AdminApproved',
      reason: 'approved',
      schedule: { endDateTime: OUTSIDE[0] },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      `body.schedule.endDateTime: endDateTime ${RANGE_MESSAGE}`,
    );
  });

  it.each(['0000-12-31T23:59:59Z', '0000-12-31'])(
    'refuses a $filter date literal %s as a bad request',
    async (literal) => {
      const response = await call('get', REQUESTS_PATH).query({
        $filter: `requestedDateTime gt ${literal}`,
      });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadRequest');
    },
  );

  describe('seeds', () => {
    const seededRequest = (id: number, dates: Record<string, unknown>) => ({
      id: fixtureId('da500000', id),
      resourceId: RESOURCE,
      roleDefinitionId: READER,
      subjectId: SUBJECTS[id],
      type: 'AdminAdd',
      assignmentState: 'Eligible',
      status: { status: 'InProgress', subStatus: 'Granted' },
      ...dates,
    });

    it('stores absolute and relative dates of the years 0001 to 0099 and 9999 as written', async () => {
      const seeded = await call('post', '/_emulator/seed').send({
        roleAssignmentRequests: [
          seededRequest(1, {
            requestedDateTime: FIRST,
            schedule: { startDateTime: TWO_DIGIT_YEAR, endDateTime: LAST },
          }),
          // TEST_NOW less 730,000 days: 0028-03-27T12:00:00Z.
          seededRequest(2, {
            requestedDateTime: 'now-P730000D',
            schedule: { startDateTime: 'now-P730000D', endDateTime: null },
          }),
        ],
      });

      expect(seeded.status).toBe(200);
      const first = await call(
        'get',
        `${REQUESTS_PATH}/${fixtureId('da500000', 1)}`,
      );
      expect(first.body).toMatchObject({
        requestedDateTime: FIRST,
        schedule: { startDateTime: TWO_DIGIT_YEAR, endDateTime: LAST },
      });
      const relative = await call(
        'get',
        `${REQUESTS_PATH}/${fixtureId('da500000', 2)}`,
      );
      expect(relative.body.requestedDateTime).toMatch(/^0028-03-27T12:00:0/);
    });

    it.each([
      [
        'an absolute date',
        OUTSIDE[0],
        `schedule.endDateTime: endDateTime ${RANGE_MESSAGE}`,
      ],
      [
        'a relative date',
        'now+P3000000D',
        "schedule.endDateTime: 'now+P3000000D' falls outside the years 0001 to 9999",
      ],
    ])(
      'refuses %s outside the years, and loads nothing',
      async (_case, date, problem) => {
        const seeded = await call('post', '/_emulator/seed').send({
          roleAssignmentRequests: [
            seededRequest(1, {
              schedule: { endDateTime: '2030-01-01T00:00:00Z' },
            }),
            seededRequest(2, { schedule: { endDateTime: date } }),
          ],
        });

        expect(seeded.status).toBe(400);
        expect(seeded.body.error.message).toContain(
          `roleAssignmentRequests[1].${problem}`,
        );
        expect(await storedRequests()).toBe(0);
      },
    );
  });

  describe('the emulator clock', () => {
    const moveClock = (change: Record<string, unknown>) =>
      call('post', '/_emulator/clock').send(change);

    it('is set to a date of the years 0001 to 0099, and stamps requests with it', async () => {
      const moved = await moveClock({ dateTime: TWO_DIGIT_YEAR });

      expect(moved.status).toBe(200);
      expect(moved.body.now).toMatch(/^0050-06-15T10:20:3/);
      const created = await call('post', REQUESTS_PATH).send(
        eligibility(SUBJECTS[0], {}),
      );
      expect(created.status).toBe(201);
      const read = await call('get', `${REQUESTS_PATH}/${created.body.id}`);
      expect(read.body.requestedDateTime).toMatch(/^0050-06-15T10:20:3/);
      expect(read.body.schedule.startDateTime).toBe(
        read.body.requestedDateTime,
      );
    });

    it.each(OUTSIDE)('refuses to be set to %s', async (dateTime) => {
      const moved = await moveClock({ dateTime });

      expect(moved.status).toBe(400);
      expect(moved.body.error.message).toContain(
        `body.dateTime: dateTime ${RANGE_MESSAGE}`,
      );
      expect(testApp.clock.now().getUTCFullYear()).toBe(
        TEST_NOW.getUTCFullYear(),
      );
    });

    it.each([
      [LAST, 1],
      [FIRST, -1],
    ])(
      'set to %s, refuses to move %d second out of the years, and stays',
      async (dateTime, advanceSeconds) => {
        expect((await moveClock({ dateTime })).status).toBe(200);

        const moved = await moveClock({ advanceSeconds });

        expect(moved.status).toBe(400);
        expect(moved.body.error).toMatchObject({
          code: 'BadRequest',
          message: expect.stringMatching(
            /^advanceSeconds would move the clock from .* outside the years 0001 to 9999 \(UTC\); it was not moved\.$/,
          ) as string,
        });
        const read = await call('get', '/_emulator/clock');
        expect(
          Math.abs(Date.parse(read.body.now) - Date.parse(dateTime)),
        ).toBeLessThan(60_000);
      },
    );

    it('stops at the last instant of 9999: what it stamps then is stored as such', async () => {
      expect((await moveClock({ dateTime: LAST })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));

      const created = await call('post', REQUESTS_PATH).send(
        eligibility(SUBJECTS[0], {}),
      );

      expect(created.status).toBe(201);
      const read = await call('get', `${REQUESTS_PATH}/${created.body.id}`);
      expect(read.body.requestedDateTime).toBe(LAST);
      expect((await call('get', '/_emulator/clock')).body.now).toBe(LAST);
    });
  });
});
