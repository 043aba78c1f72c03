import { jest } from '@jest/globals';
import request from 'supertest';
import { RoleAssignmentRequestScheduler } from '../src/privileged-access/azure-resources/role-assignment-requests/scheduling/role-assignment-request.scheduler.js';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import {
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
} from './support/requests.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import {
  appToken,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  userToken,
} from './support/tokens.js';

const RESOURCE = fixtureId('e0000000', 1);
const LOCKED = fixtureId('e0000000', 2);
const READER = fixtureId('e1000000', 1);
const OWNER = fixtureId('e1000000', 2);
const ON_LOCKED = fixtureId('e1000000', 3);
const ADMIN = fixtureId('e2000000', 1);
const USER = fixtureId('e2000000', 2);
const OTHER = fixtureId('e2000000', 3);
const ELIGIBLE = fixtureId('e3000000', 1);
const rule = (ruleIdentifier: string, setting: object) => ({
  ruleIdentifier,
  setting: JSON.stringify(setting),
});

function directory() {
  const tenantId = TENANT_A;
  return {
    resources: [
      resourceRecord(tenantId, RESOURCE),
      resourceRecord(tenantId, LOCKED, 'Locked'),
    ],
    roleDefinitions: [
      roleDefinitionRecord(tenantId, READER, RESOURCE, ROLE_TEMPLATES.reader),
      roleDefinitionRecord(tenantId, OWNER, RESOURCE, ROLE_TEMPLATES.owner),
      roleDefinitionRecord(tenantId, ON_LOCKED, LOCKED, ROLE_TEMPLATES.reader),
    ],
    subjects: [ADMIN, USER, OTHER].map((id) => userRecord(tenantId, id)),
    roleSettings: [
      {
        id: fixtureId('e4000000', 1),
        tenantId,
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        adminEligibleSettings: [
          rule('ExpirationRule', {
            permanentAssignment: true,
            maximumGrantPeriodInMinutes: 525600,
          }),
        ],
        adminMemberSettings: [
          rule('ExpirationRule', {
            permanentAssignment: false,
            maximumGrantPeriodInMinutes: 480,
          }),
          rule('JustificationRule', { required: true }),
        ],
        userMemberSettings: [
          rule('ExpirationRule', {
            permanentAssignment: false,
            maximumGrantPeriodInMinutes: 480,
          }),
          rule('JustificationRule', { required: true }),
          rule('ApprovalRule', {
            Enabled: true,
            Approvers: [{ Id: ADMIN }, { Id: USER }],
          }),
        ],
      },
    ],
    roleAssignments: [
      assignmentRecord(tenantId, {
        id: fixtureId('e3000000', 9),
        resourceId: RESOURCE,
        roleDefinitionId: OWNER,
        subjectId: ADMIN,
      }),
      assignmentRecord(tenantId, {
        id: ELIGIBLE,
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: USER,
        assignmentState: 'Eligible',
      }),
    ],
  };
}

const as = (objectId: string) => userToken([READ_WRITE], { objectId });
// From TEST_NOW, not from the app's clock: the tables of it.each are built before any app starts.
const inHours = (hours: number) =>
  new Date(TEST_NOW.getTime() + hours * 3_600_000).toISOString();

describe('POST …/roleAssignmentRequests', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([directory()]);
  });
  afterAll(() => testApp.close());

  function create(body: object, token = as(ADMIN)) {
    return request(testApp.server)
      .post(REQUESTS_PATH)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  }

  function assignmentsOf(subjectId: string) {
    return testApp.dataSource
      .getRepository(RoleAssignmentEntity)
      .findBy({ tenantId: TENANT_A, subjectId, roleDefinitionId: READER });
  }

  const eligibleForOther = {
    resourceId: RESOURCE,
    roleDefinitionId: READER,
    subjectId: OTHER,
    assignmentState: 'Eligible',
    type: 'AdminAdd',
    schedule: { type: 'Once' },
  };

  it('AdminAdd by an Owner of the resource: 201, Provisioned, the assignment written, audited', async () => {
    const response = await create(eligibleForOther);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      '@odata.context': expect.stringMatching(
        /\/beta\/\$metadata#governanceRoleAssignmentRequests\/\$entity$/,
      ),
      resourceId: RESOURCE,
      subjectId: OTHER,
      type: 'AdminAdd',
      assignmentState: 'Eligible',
      status: {
        status: 'Closed',
        subStatus: 'Provisioned',
        statusDetails: [{ key: 'ExpirationRule', value: 'Grant' }],
      },
      schedule: { type: 'Once', endDateTime: null },
    });
    const stored = await findStoredRequest(
      testApp.dataSource,
      response.body.id,
    );
    expect(stored.requestorId).toBe(ADMIN);
    const [assignment] = await assignmentsOf(OTHER);
    expect(assignment).toMatchObject({
      assignmentState: 'Eligible',
      status: 'Provisioned',
      endDateTime: null,
    });
    expect(await auditEventsOf(testApp.dataSource, response.body.id)).toEqual([
      expect.objectContaining({
        action: 'Create',
        actorId: ADMIN,
        fromSubStatus: 'Accepted',
        toSubStatus: 'Provisioned',
      }),
    ]);
  });

  it('refuses the same AdminAdd again: 400 RoleAssignmentExists', async () => {
    const response = await create(eligibleForOther);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleAssignmentExists');
  });

  it('refuses what the role’s rules forbid, naming every failed rule, and writes nothing', async () => {
    const response = await create({
      ...eligibleForOther,
      assignmentState: 'Active',
      schedule: { endDateTime: inHours(10) },
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'RoleAssignmentRequestPolicyValidationFailed',
      message:
        'The following policy rules failed: ["ExpirationRule","JustificationRule"]',
    });
    expect(
      (await assignmentsOf(OTHER)).filter(
        (a) => a.assignmentState === 'Active',
      ),
    ).toEqual([]);
  });

  it('AdminAdd starting later: Granted, no assignment yet', async () => {
    const response = await create({
      ...eligibleForOther,
      assignmentState: 'Active',
      reason: 'on-call next week',
      schedule: { startDateTime: inHours(24), duration: 'PT4H' },
    });

    expect(response.status).toBe(201);
    expect(response.body.status).toMatchObject({
      status: 'InProgress',
      subStatus: 'Granted',
    });
    expect(
      (await assignmentsOf(OTHER)).filter(
        (a) => a.assignmentState === 'Active',
      ),
    ).toEqual([]);
  });

  it('UserAdd, a user activating their eligible assignment: PendingApproval by the role’s ApprovalRule', async () => {
    const response = await create(
      {
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: USER,
        assignmentState: 'Active',
        type: 'UserAdd',
        reason: 'deploying the fix',
        linkedEligibleRoleAssignmentId: ELIGIBLE,
        schedule: { duration: 'PT4H' },
      },
      as(USER),
    );

    expect(response.status).toBe(201);
    expect(response.body.status).toEqual({
      status: 'InProgress',
      subStatus: 'PendingApproval',
      statusDetails: [
        { key: 'ExpirationRule', value: 'Grant' },
        { key: 'JustificationRule', value: 'Grant' },
        { key: 'ApprovalRule', value: 'Pending' },
      ],
    });
    expect(response.body.linkedEligibleRoleAssignmentId).toBe(ELIGIBLE);

    const again = await create(
      {
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: USER,
        assignmentState: 'Active',
        type: 'UserAdd',
        reason: 'again',
        schedule: { duration: 'PT1H' },
      },
      as(USER),
    );
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('PendingRoleAssignmentRequest');

    const cancel = await request(testApp.server)
      .post(`${REQUESTS_PATH}/${response.body.id}/cancel`)
      .set('Authorization', `Bearer ${as(USER)}`);
    expect(cancel.status).toBe(204);
  });

  it('UserAdd without an eligible assignment: 400 RoleAssignmentDoesNotExist', async () => {
    const response = await create(
      {
        resourceId: RESOURCE,
        roleDefinitionId: OWNER,
        subjectId: USER,
        assignmentState: 'Active',
        type: 'UserAdd',
        reason: 'please',
        schedule: { duration: 'PT1H' },
      },
      as(USER),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleAssignmentDoesNotExist');
  });

  it.each([
    [
      'a user asking for someone else',
      { type: 'UserAdd', subjectId: USER, assignmentState: 'Active' },
      OTHER,
    ],
    ['an AdminAdd by a non-administrator', { type: 'AdminAdd' }, USER],
  ])(
    'refuses %s: 403 UnauthorizedAccessException',
    async (_case, overrides, caller) => {
      const response = await create(
        { ...eligibleForOther, reason: 'x', ...overrides },
        as(caller),
      );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('UnauthorizedAccessException');
    },
  );

  it.each([
    [
      'an unknown resource',
      { resourceId: fixtureId('e0000000', 9) },
      'ResourceNotFound',
    ],
    [
      'a role of another resource',
      { roleDefinitionId: ON_LOCKED },
      'RoleNotFound',
    ],
    [
      'an unknown subject',
      { subjectId: fixtureId('e2000000', 9) },
      'SubjectNotFound',
    ],
    [
      'a locked resource',
      { resourceId: LOCKED, roleDefinitionId: ON_LOCKED },
      'ResourceIsLocked',
    ],
    [
      'a removal of an assignment that does not exist',
      { type: 'AdminRemove', subjectId: ADMIN },
      'RoleAssignmentDoesNotExist',
    ],
  ])('answers %s with 400 %s', async (_case, overrides, code) => {
    const response = await create(
      { ...eligibleForOther, ...overrides },
      appToken(),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
  });

  it('AdminRemove by an application: Closed/Revoked, the assignment ended', async () => {
    const response = await create(
      {
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: OTHER,
        assignmentState: 'Eligible',
        type: 'AdminRemove',
        '@odata.type': '#microsoft.graph.governanceRoleAssignmentRequest',
      },
      appToken(),
    );

    expect(response.status).toBe(201);
    expect(response.body.status).toMatchObject({
      status: 'Closed',
      subStatus: 'Revoked',
    });
    expect(response.body.schedule).toBeNull();
    const [eligible] = (await assignmentsOf(OTHER)).filter(
      (a) => a.assignmentState === 'Eligible',
    );
    expect(eligible.endDateTime?.getTime()).toBeLessThanOrEqual(
      testApp.clock.now().getTime(),
    );
  });

  it.each([
    ['no schedule on an AdminAdd', { schedule: undefined }, 'needs a schedule'],
    [
      'an unknown property',
      { colour: 'red' },
      'property colour should not exist',
    ],
    ['an unknown type', { type: 'AdminSteal' }, 'type must be one of'],
    [
      'a schedule that ends before it starts',
      { schedule: { startDateTime: inHours(2), endDateTime: inHours(1) } },
      'ends before it starts',
    ],
    [
      'a resource id that is not a GUID',
      { resourceId: 'nope' },
      'resourceId must be a GUID',
    ],
  ])('refuses %s: 400 BadRequest', async (_case, overrides, named) => {
    const response = await create(
      { ...eligibleForOther, ...overrides },
      appToken(),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toContain(named);
  });
});

describe('deciding a waiting request: approve, deny (extensions) and updateRequest', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([directory()]);
  });
  afterAll(() => testApp.close());

  function post(path: string, body: object | undefined, token: string) {
    const call = request(testApp.server)
      .post(`${REQUESTS_PATH}${path}`)
      .set('Authorization', `Bearer ${token}`);
    return body === undefined
      ? call
      : call.set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  const activation = (reason: string) => ({
    resourceId: RESOURCE,
    roleDefinitionId: READER,
    subjectId: USER,
    assignmentState: 'Active',
    type: 'UserAdd',
    reason,
    schedule: { duration: 'PT4H' },
  });

  async function activeAssignmentOfUser() {
    const [assignment] = await testApp.dataSource
      .getRepository(RoleAssignmentEntity)
      .findBy({
        tenantId: TENANT_A,
        subjectId: USER,
        roleDefinitionId: READER,
        assignmentState: 'Active',
      });
    return assignment;
  }

  it('denies: an approver named in the ApprovalRule; Closed/Denied, the reason audited', async () => {
    const created = await post('', activation('first try'), as(USER));
    expect(created.body.status.subStatus).toBe('PendingApproval');

    const denied = await post(
      `/${created.body.id}/deny`,
      { reason: 'not during the freeze' },
      as(ADMIN),
    );

    expect(denied.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, created.body.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'Denied' });
    expect(await auditEventsOf(testApp.dataSource, created.body.id)).toEqual([
      expect.objectContaining({ action: 'Create' }),
      expect.objectContaining({
        action: 'Deny',
        actorId: ADMIN,
        fromSubStatus: 'PendingApproval',
        toSubStatus: 'Denied',
        reason: 'not during the freeze',
      }),
    ]);
    expect(await activeAssignmentOfUser()).toBeUndefined();
  });

  it.each([
    ['text/plain', '{"reason":"fine"}'],
    ['application/x-www-form-urlencoded', 'reason=fine'],
  ])(
    'refuses a reason sent as %s rather than taking it for no body: 400, still pending',
    async (contentType, body) => {
      const created = await post('', activation('typed by hand'), as(USER));

      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${created.body.id}/approve`)
        .set('Authorization', `Bearer ${as(ADMIN)}`)
        .set('Content-Type', contentType)
        .send(body);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BadRequest',
        message:
          'The request body must be JSON, sent with Content-Type: application/json.',
      });
      expect(
        await findStoredRequest(testApp.dataSource, created.body.id),
      ).toMatchObject({ subStatus: 'PendingApproval' });
      await post(`/${created.body.id}/cancel`, undefined, as(USER));
    },
  );

  it('approves: not by its own requestor, even named; not by others; then by the approver, provisioned', async () => {
    const created = await post('', activation('second try'), as(USER));
    const path = `/${created.body.id}/approve`;

    const own = await post(path, undefined, as(USER));
    const outsider = await post(path, undefined, as(OTHER));
    const application = await post(path, undefined, appToken());
    for (const refused of [own, outsider, application]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('UnauthorizedAccessException');
    }

    const approved = await post(path, undefined, as(ADMIN));

    expect(approved.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, created.body.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'Provisioned' });
    expect(await activeAssignmentOfUser()).toMatchObject({
      status: 'Provisioned',
      linkedEligibleRoleAssignmentId: null,
    });

    const again = await post(path, undefined, as(ADMIN));
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('RequestNotPending');
  });

  it.each([
    [
      'past the ExpirationRule',
      { endDateTime: '9999-12-31T00:00:00Z' },
      'RoleAssignmentRequestPolicyValidationFailed',
      'The following policy rules failed: ["ExpirationRule"]',
    ],
    [
      'before its start',
      { startDateTime: inHours(5), endDateTime: inHours(1) },
      'BadRequest',
      'The schedule ends before it starts: endDateTime (or duration) must be after startDateTime.',
    ],
  ])(
    'updateRequest refuses an approval whose end is %s, as an AdminExtend request: 400, nothing changed',
    async (_case, schedule, code, message) => {
      const before = await activeAssignmentOfUser();
      const extension = await post(
        '',
        {
          resourceId: RESOURCE,
          roleDefinitionId: READER,
          subjectId: USER,
          assignmentState: 'Active',
          type: 'UserExtend',
          reason: 'one more hour',
          schedule: {
            endDateTime: new Date(
              testApp.clock.now().getTime() + 6 * 3_600_000,
            ).toISOString(),
          },
        },
        as(USER),
      );
      expect(extension.body.status?.subStatus).toBe('PendingAdminDecision');
      const id = extension.body.id as string;

      const response = await post(
        `/${id}/updateRequest`,
        { decision: 'AdminApproved', reason: 'sure', schedule },
        as(ADMIN),
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code, message });
      expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
        status: 'InProgress',
        subStatus: 'PendingAdminDecision',
      });
      expect(await activeAssignmentOfUser()).toEqual(before);
      expect(
        (await auditEventsOf(testApp.dataSource, id)).map(
          (event) => event.action,
        ),
      ).toEqual(['Create']);
      await post(`/${id}/cancel`, undefined, as(USER));
    },
  );

  it('updateRequest decides a PendingAdminDecision extension: resource administrators only, not the requestor', async () => {
    const before = await activeAssignmentOfUser();
    const end = new Date(
      testApp.clock.now().getTime() + 7 * 3_600_000,
    ).toISOString();
    const extension = await post(
      '',
      {
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: USER,
        assignmentState: 'Active',
        type: 'UserExtend',
        reason: 'the fix takes longer',
        schedule: { endDateTime: end },
      },
      as(USER),
    );
    expect(extension.status).toBe(201);
    expect(extension.body.status.subStatus).toBe('PendingAdminDecision');
    const path = `/${extension.body.id}/updateRequest`;
    const decision = { decision: 'AdminApproved', reason: 'ok for today' };

    const own = await post(path, decision, as(USER));
    const outsider = await post(path, decision, as(OTHER));
    expect([own.status, outsider.status]).toEqual([403, 403]);
    const noReason = await post(path, { decision: 'AdminApproved' }, as(ADMIN));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('BadRequest');

    const approved = await post(path, decision, as(ADMIN));

    expect(approved.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, extension.body.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'AdminApproved' });
    const after = await activeAssignmentOfUser();
    expect(after.id).toBe(before.id);
    expect(after.endDateTime?.toISOString()).toBe(new Date(end).toISOString());

    const again = await post(path, decision, as(ADMIN));
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('RequestNotPending');
  });

  it('answers another tenant RoleAssignmentRequestNotFound', async () => {
    const created = await post('', activation('third try'), as(USER));

    const response = await post(
      `/${created.body.id}/approve`,
      undefined,
      userToken([READ_WRITE], { tenantId: TENANT_B, objectId: ADMIN }),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
  });
});

describe('time: the scheduler provisions, ends and times out (RoleAssignmentRequestScheduler)', () => {
  let testApp: TestApp;
  let scheduler: RoleAssignmentRequestScheduler;
  let now: Date;

  beforeAll(async () => {
    testApp = await startSeededTestApp([directory()]);
    scheduler = testApp.app.get(RoleAssignmentRequestScheduler);
    now = new Date('2026-12-01T08:00:00.000Z');
    jest.spyOn(testApp.clock, 'now').mockImplementation(() => now);
  });
  afterAll(() => testApp.close());

  function create(body: object, token = as(ADMIN)) {
    return request(testApp.server)
      .post(REQUESTS_PATH)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  }
  const later = (hours: number) =>
    new Date(now.getTime() + hours * 3_600_000).toISOString();
  const assignment = (id: string) =>
    testApp.dataSource
      .getRepository(RoleAssignmentEntity)
      .findOneBy({ tenantId: TENANT_A, id });

  it('provisions a Granted request at its start, and ends its assignment at its end: Revoked', async () => {
    const granted = await create({
      resourceId: RESOURCE,
      roleDefinitionId: READER,
      subjectId: OTHER,
      assignmentState: 'Active',
      type: 'AdminAdd',
      reason: 'maintenance window',
      schedule: { startDateTime: later(2), endDateTime: later(6) },
    });
    expect(granted.body.status.subStatus).toBe('Granted');
    const id = granted.body.id as string;

    expect(await scheduler.runOnce()).toEqual({
      advanced: 0,
      provisioned: 0,
      revoked: 0,
      timedOut: 0,
    });
    now = new Date(now.getTime() + 3 * 3_600_000);
    expect((await scheduler.runOnce()).provisioned).toBe(1);
    expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
      status: 'Closed',
      subStatus: 'Provisioned',
    });
    expect(await assignment(id)).toMatchObject({
      subjectId: OTHER,
      assignmentState: 'Active',
    });
    expect((await scheduler.runOnce()).provisioned).toBe(0);

    now = new Date(now.getTime() + 4 * 3_600_000);
    expect((await scheduler.runOnce()).revoked).toBe(1);
    expect(await assignment(id)).toBeNull();
    expect(await findStoredRequest(testApp.dataSource, id)).toMatchObject({
      subStatus: 'Revoked',
    });
    expect(
      (await auditEventsOf(testApp.dataSource, id)).map((event) => [
        event.action,
        event.toSubStatus,
        event.actorType,
        event.api,
      ]),
    ).toEqual([
      ['Create', 'Granted', 'User', 'Graph'],
      ['Provision', 'Provisioned', 'Scheduler', null],
      ['Revoke', 'Revoked', 'Scheduler', null],
    ]);
  });

  it('never provisions a Granted request that was cancelled', async () => {
    const granted = await create({
      resourceId: RESOURCE,
      roleDefinitionId: OWNER,
      subjectId: OTHER,
      assignmentState: 'Active',
      type: 'AdminAdd',
      schedule: { startDateTime: later(1), duration: 'PT2H' },
    });
    expect(granted.body.status.subStatus).toBe('Granted');
    const cancel = await request(testApp.server)
      .post(`${REQUESTS_PATH}/${granted.body.id}/cancel`)
      .set('Authorization', `Bearer ${as(ADMIN)}`);
    expect(cancel.status).toBe(204);

    now = new Date(now.getTime() + 2 * 3_600_000);
    await scheduler.runOnce();

    expect(
      await findStoredRequest(testApp.dataSource, granted.body.id),
    ).toMatchObject({ subStatus: 'Canceled' });
    expect(await assignment(granted.body.id)).toBeNull();
  });

  it('times out a request left waiting longer than REQUEST_PENDING_TIMEOUT_HOURS (24)', async () => {
    const waiting = await create(
      {
        resourceId: RESOURCE,
        roleDefinitionId: READER,
        subjectId: USER,
        assignmentState: 'Active',
        type: 'UserAdd',
        reason: 'please',
        schedule: { duration: 'PT2H' },
      },
      as(USER),
    );
    expect(waiting.body.status.subStatus).toBe('PendingApproval');

    now = new Date(now.getTime() + 23 * 3_600_000);
    expect((await scheduler.runOnce()).timedOut).toBe(0);
    now = new Date(now.getTime() + 2 * 3_600_000);
    expect((await scheduler.runOnce()).timedOut).toBe(1);

    expect(
      await findStoredRequest(testApp.dataSource, waiting.body.id),
    ).toMatchObject({ status: 'Closed', subStatus: 'TimedOut' });
  });

  it('moves each row once when runs overlap, as two replicas would', async () => {
    const ids: string[] = [];
    for (const subjectId of [ADMIN, USER, OTHER]) {
      const created = await create({
        resourceId: RESOURCE,
        roleDefinitionId: OWNER,
        subjectId,
        assignmentState: 'Eligible',
        type: 'AdminAdd',
        schedule: { startDateTime: later(1) },
      });
      expect(created.body.status.subStatus).toBe('Granted');
      ids.push(created.body.id as string);
    }
    now = new Date(now.getTime() + 2 * 3_600_000);

    const runs = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);

    expect(runs[0].provisioned + runs[1].provisioned).toBe(3);
    for (const id of ids) {
      expect(
        (await auditEventsOf(testApp.dataSource, id)).filter(
          (event) => event.action === 'Provision',
        ),
      ).toHaveLength(1);
      expect(await assignment(id)).not.toBeNull();
    }
  });
});
