import { jest } from '@jest/globals';
import request from 'supertest';
import {
  CANCELLABLE_SUB_STATUSES,
  REQUEST_TYPES,
  type RequestType,
  SUB_STATUSES,
  type SubStatus,
} from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.model.js';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { RoleAssignmentRequestScheduler } from '../src/privileged-access/azure-resources/role-assignment-requests/scheduling/role-assignment-request.scheduler.js';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
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
import { READ_WRITE, TENANT_A, userToken } from './support/tokens.js';

/**
 * The request as a state machine: what each type of request becomes under each kind of role
 * setting, and, for each of Graph's 18 sub-statuses reached through the API, which of cancel,
 * approve, deny and updateRequest it allows.
 */

const RESOURCE = fixtureId('f0000000', 1);
const OWNER_ROLE = fixtureId('f1000000', 1);
const ADMIN = fixtureId('f2000000', 1);
const SECOND_ADMIN = fixtureId('f2000000', 2);
const APPROVER = fixtureId('f2000000', 3);

const rule = (ruleIdentifier: string, setting: object) => ({
  ruleIdentifier,
  setting: JSON.stringify(setting),
});

/** The kinds of role setting a request meets, one role definition each. */
const SETTINGS = {
  none: [],
  approval: [
    rule('ApprovalRule', { Enabled: true, Approvers: [{ Id: APPROVER }] }),
  ],
  justification: [rule('JustificationRule', { required: true })],
  expiration: [
    rule('ExpirationRule', {
      permanentAssignment: false,
      maximumGrantPeriodInMinutes: 60,
    }),
  ],
  mfa: [rule('MfaRule', { mfaRequired: true })],
} as const;
type Setting = keyof typeof SETTINGS;
const SETTING_NAMES = Object.keys(SETTINGS) as Setting[];
const roleOf = (setting: Setting) =>
  fixtureId('f1000000', 10 + SETTING_NAMES.indexOf(setting));

function directory() {
  const tenantId = TENANT_A;
  return {
    resources: [resourceRecord(tenantId, RESOURCE)],
    roleDefinitions: [
      roleDefinitionRecord(
        tenantId,
        OWNER_ROLE,
        RESOURCE,
        ROLE_TEMPLATES.owner,
      ),
      ...SETTING_NAMES.map((setting) =>
        roleDefinitionRecord(
          tenantId,
          roleOf(setting),
          RESOURCE,
          ROLE_TEMPLATES.reader,
        ),
      ),
    ],
    subjects: [ADMIN, SECOND_ADMIN, APPROVER].map((id) =>
      userRecord(tenantId, id),
    ),
    roleSettings: SETTING_NAMES.map((setting, n) => ({
      id: fixtureId('f4000000', n + 1),
      tenantId,
      resourceId: RESOURCE,
      roleDefinitionId: roleOf(setting),
      adminEligibleSettings: SETTINGS[setting],
      adminMemberSettings: SETTINGS[setting],
      userEligibleSettings: SETTINGS[setting],
      userMemberSettings: SETTINGS[setting],
    })),
    roleAssignments: [ADMIN, SECOND_ADMIN].map((subjectId, n) =>
      assignmentRecord(tenantId, {
        id: fixtureId('f3000000', n + 1),
        resourceId: RESOURCE,
        roleDefinitionId: OWNER_ROLE,
        subjectId,
      }),
    ),
  };
}

/** One app, its clock held by the test, and the calls a PIM client makes. */
class Harness {
  now = TEST_NOW;
  private ids = 0;

  private constructor(readonly testApp: TestApp) {
    jest.spyOn(testApp.clock, 'now').mockImplementation(() => this.now);
  }

  static async start(env: Record<string, string>): Promise<Harness> {
    const testApp = await startSeededTestApp([directory()], env);
    return new Harness(testApp);
  }

  hoursLater(hours: number): Date {
    return new Date(this.now.getTime() + hours * 3_600_000);
  }

  /**
   * A user of its own, holding what a request of `type` needs: the eligible assignment it
   * activates, or the active one it changes or removes.
   */
  async subjectFor(
    type: RequestType,
    roleDefinitionId: string,
    resourceId = RESOURCE,
  ): Promise<string> {
    const subjectId = this.nextId('f5000000');
    const needs =
      type === 'UserAdd' ? 'Eligible' : type === 'AdminAdd' ? null : 'Active';
    await this.seed({
      subjects: [userRecord(TENANT_A, subjectId)],
      roleAssignments: needs
        ? [
            assignmentRecord(TENANT_A, {
              id: this.nextId('f6000000'),
              resourceId,
              roleDefinitionId,
              subjectId,
              assignmentState: needs,
              startDateTime: this.now.toISOString(),
              endDateTime: this.hoursLater(24 * 30).toISOString(),
            }),
          ]
        : [],
    });
    return subjectId;
  }

  /** A GUID no other record of the test has. */
  nextId(prefix: string): string {
    this.ids += 1;
    return fixtureId(prefix, this.ids);
  }

  seed(document: object) {
    return this.testApp.app.get(SeedService).seed(document);
  }

  create(
    type: RequestType,
    subjectId: string,
    roleDefinitionId: string,
    options: {
      reason?: string;
      signedInWith?: string[];
      resourceId?: string;
    } = {},
  ) {
    const caller = type.startsWith('User') ? subjectId : ADMIN;
    const removal = type === 'AdminRemove' || type === 'UserRemove';
    return request(this.testApp.server)
      .post(REQUESTS_PATH)
      .set(
        'Authorization',
        `Bearer ${userToken([READ_WRITE], {
          objectId: caller,
          authenticationMethods: options.signedInWith,
        })}`,
      )
      .send({
        resourceId: options.resourceId ?? RESOURCE,
        roleDefinitionId,
        subjectId,
        assignmentState: 'Active',
        type,
        ...(options.reason !== undefined && { reason: options.reason }),
        ...(!removal && { schedule: { type: 'Once', duration: 'PT2H' } }),
      });
  }

  act(id: string, action: Action, as: string) {
    return request(this.testApp.server)
      .post(`${REQUESTS_PATH}/${id}/${action}`)
      .set(
        'Authorization',
        `Bearer ${userToken([READ_WRITE], { objectId: as })}`,
      )
      .send(
        action === 'updateRequest'
          ? { decision: 'AdminApproved', reason: 'fine' }
          : action === 'cancel'
            ? undefined
            : { reason: 'checked' },
      );
  }

  async subStatusOf(id: string): Promise<SubStatus> {
    const response = await request(this.testApp.server)
      .get(`${REQUESTS_PATH}/${id}`)
      .set(
        'Authorization',
        `Bearer ${userToken([READ_WRITE], { objectId: ADMIN })}`,
      );
    expect(response.status).toBe(200);
    return response.body.status.subStatus as SubStatus;
  }

  async run(times: number): Promise<void> {
    const scheduler = this.testApp.app.get(RoleAssignmentRequestScheduler);
    for (let run = 0; run < times; run += 1) {
      await scheduler.runOnce();
    }
  }

  assignmentOf(subjectId: string, roleDefinitionId: string) {
    return this.testApp.dataSource
      .getRepository(RoleAssignmentEntity)
      .findOneBy({
        tenantId: TENANT_A,
        subjectId,
        roleDefinitionId,
        assignmentState: 'Active',
      });
  }

  close() {
    return this.testApp.close();
  }
}

type PolicyOptions = { reason?: string; signedInWith?: string[] };
type Action = 'cancel' | 'approve' | 'deny' | 'updateRequest';

/** What a request of each type becomes at once under a role without rules, and with approval. */
const IMMEDIATE_OUTCOMES: Record<
  RequestType,
  { none: [string, SubStatus]; approval: [string, SubStatus] }
> = {
  AdminAdd: {
    none: ['Closed', 'Provisioned'],
    approval: ['Closed', 'Provisioned'],
  },
  UserAdd: {
    none: ['Closed', 'Provisioned'],
    approval: ['InProgress', 'PendingApproval'],
  },
  AdminUpdate: {
    none: ['Closed', 'Provisioned'],
    approval: ['Closed', 'Provisioned'],
  },
  AdminExtend: {
    none: ['Closed', 'Provisioned'],
    approval: ['Closed', 'Provisioned'],
  },
  AdminRenew: {
    none: ['Closed', 'Provisioned'],
    approval: ['Closed', 'Provisioned'],
  },
  UserExtend: {
    none: ['InProgress', 'PendingAdminDecision'],
    approval: ['InProgress', 'PendingAdminDecision'],
  },
  UserRenew: {
    none: ['InProgress', 'PendingAdminDecision'],
    approval: ['InProgress', 'PendingAdminDecision'],
  },
  AdminRemove: { none: ['Closed', 'Revoked'], approval: ['Closed', 'Revoked'] },
  UserRemove: { none: ['Closed', 'Revoked'], approval: ['Closed', 'Revoked'] },
};

/** Where each outcome leaves the request's assignment. */
function expectedAssignment(
  subStatus: SubStatus,
): 'granted' | 'ended' | 'unchanged' {
  if (subStatus === 'Provisioned') {
    return 'granted';
  }
  return subStatus === 'Revoked' ? 'ended' : 'unchanged';
}

describe('the request state machine, immediate processing (default)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start({});
  });
  afterAll(() => harness.close());

  describe.each(REQUEST_TYPES)('%s', (type) => {
    it.each(['none', 'approval'] as const)(
      'under a role with %s rules: the documented outcome, and its assignment written',
      async (setting) => {
        const role = roleOf(setting);
        const subjectId = await harness.subjectFor(type, role);
        const before = await harness.assignmentOf(subjectId, role);

        const response = await harness.create(type, subjectId, role, {
          reason: 'work',
        });

        const [status, subStatus] = IMMEDIATE_OUTCOMES[type][setting];
        expect(response.status).toBe(201);
        expect(response.body.status).toMatchObject({ status, subStatus });
        const after = await harness.assignmentOf(subjectId, role);
        switch (expectedAssignment(subStatus)) {
          case 'granted':
            expect(after).not.toBeNull();
            expect(after?.endDateTime).toEqual(harness.hoursLater(2));
            break;
          case 'ended':
            expect(after?.endDateTime ?? null).toEqual(harness.now);
            break;
          case 'unchanged':
            expect(after).toEqual(before);
            break;
        }
        expect(
          (
            await auditEventsOf(harness.testApp.dataSource, response.body.id)
          ).map((event) => [event.action, event.toSubStatus]),
        ).toEqual([['Create', subStatus]]);
      },
    );

    const removal = type === 'AdminRemove' || type === 'UserRemove';
    const refusals: [Setting, string, PolicyOptions, string][] = [
      ['justification', 'without a reason', {}, 'JustificationRule'],
      [
        'mfa',
        'signed in with a password only',
        { reason: 'work', signedInWith: ['pwd'] },
        'MfaRule',
      ],
    ];
    if (!removal) {
      refusals.push([
        'expiration',
        'for longer than allowed',
        { reason: 'work' },
        'ExpirationRule',
      ]);
    }
    it.each(refusals)(
      'under a role with %s rules, asked %s: 400 listing the failed rule, nothing written',
      async (setting, _case, options, failedRule) => {
        const role = roleOf(setting);
        const subjectId = await harness.subjectFor(type, role);
        const before = await harness.assignmentOf(subjectId, role);

        const response = await harness.create(type, subjectId, role, options);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe(
          'RoleAssignmentRequestPolicyValidationFailed',
        );
        expect(response.body.error.message).toContain(failedRule);
        expect(await harness.assignmentOf(subjectId, role)).toEqual(before);
      },
    );

    it.each(removal ? (['expiration', 'mfa'] as const) : (['mfa'] as const))(
      'under a role with %s rules, asked as they require: the outcome of a role without rules',
      async (setting) => {
        const role = roleOf(setting);
        const subjectId = await harness.subjectFor(type, role);

        const response = await harness.create(type, subjectId, role, {
          reason: 'work',
          signedInWith: ['pwd', 'mfa'],
        });

        expect(response.status).toBe(201);
        const [status, subStatus] = IMMEDIATE_OUTCOMES[type].none;
        expect(response.body.status).toMatchObject({ status, subStatus });
      },
    );
  });
});

describe('concurrent requests about one assignment', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start({});
  });
  afterAll(() => harness.close());

  it.each([
    ['UserAdd', 'approval', 'PendingRoleAssignmentRequest'],
    ['AdminAdd', 'none', 'RoleAssignmentExists'],
  ] as const)(
    'ten %s requests at once under a role with %s rules: one is created, the others get %s',
    async (type, setting, refusedWith) => {
      const role = roleOf(setting);
      const subjectId = await harness.subjectFor(type, role);

      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          harness.create(type, subjectId, role, { reason: 'work' }),
        ),
      );

      expect(
        responses.filter((response) => response.status === 201),
      ).toHaveLength(1);
      for (const refused of responses.filter(
        (response) => response.status !== 201,
      )) {
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe(refusedWith);
      }
      const stored = await harness.testApp.dataSource
        .getRepository(RoleAssignmentRequestEntity)
        .countBy({ tenantId: TENANT_A, subjectId, roleDefinitionId: role });
      expect(stored).toBe(1);
    },
  );
});

describe('the request state machine, staged processing (REQUEST_PROCESSING=staged)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start({ REQUEST_PROCESSING: 'staged' });
  });
  afterAll(() => harness.close());

  const approvalRole = roleOf('approval');

  async function created(type: RequestType, runs = 0, role = approvalRole) {
    const subjectId = await harness.subjectFor(type, role);
    const response = await harness.create(type, subjectId, role, {
      reason: 'work',
    });
    expect(response.status).toBe(201);
    await harness.run(runs);
    return { id: response.body.id as string, subjectId };
  }

  async function decided(
    type: RequestType,
    runs: number,
    action: Action,
    as: string,
  ) {
    const { id } = await created(type, runs);
    expect((await harness.act(id, action, as)).status).toBe(204);
    return id;
  }

  /** A request of its own in each sub-status, reached through the API and the scheduler. */
  const REACH: Record<SubStatus, () => Promise<string>> = {
    Accepted: async () => (await created('AdminAdd')).id,
    PendingEvaluation: async () => (await created('AdminAdd', 1)).id,
    Granted: async () => (await created('AdminAdd', 2)).id,
    PendingProvisioning: async () => (await created('AdminAdd', 3)).id,
    ProvisioningStarted: async () => (await created('AdminAdd', 4)).id,
    Provisioned: async () => (await created('AdminAdd', 5)).id,
    Failed: async () => {
      const { id, subjectId } = await created('AdminAdd', 4);
      // Meanwhile the same assignment was made by other means (in Azure directly).
      await harness.seed({
        roleAssignments: [
          assignmentRecord(TENANT_A, {
            id: harness.nextId('f7000000'),
            resourceId: RESOURCE,
            roleDefinitionId: approvalRole,
            subjectId,
          }),
        ],
      });
      await harness.run(1);
      return id;
    },
    FailedAsResourceIsLocked: async () => {
      const { id } = await created('AdminAdd', 4);
      await harness.seed({
        resources: [resourceRecord(TENANT_A, RESOURCE, 'Locked')],
      });
      await harness.run(1);
      await harness.seed({ resources: [resourceRecord(TENANT_A, RESOURCE)] });
      return id;
    },
    PendingApproval: async () => (await created('UserAdd', 2)).id,
    PendingApprovalProvisioning: () =>
      decided('UserAdd', 2, 'approve', APPROVER),
    Denied: () => decided('UserAdd', 2, 'deny', APPROVER),
    TimedOut: async () => {
      const { id } = await created('UserAdd', 2);
      harness.now = harness.hoursLater(25);
      await harness.run(1);
      return id;
    },
    PendingRevocation: async () => (await created('AdminRemove', 2)).id,
    Revoked: async () => (await created('AdminRemove', 3)).id,
    Canceled: async () => {
      const { id } = await created('AdminAdd', 2);
      expect((await harness.act(id, 'cancel', ADMIN)).status).toBe(204);
      return id;
    },
    PendingAdminDecision: async () => (await created('UserExtend', 2)).id,
    AdminApproved: () =>
      decided('UserExtend', 2, 'updateRequest', SECOND_ADMIN),
    AdminDenied: async () => {
      const { id } = await created('UserExtend', 2);
      const denied = await request(harness.testApp.server)
        .post(`${REQUESTS_PATH}/${id}/updateRequest`)
        .set(
          'Authorization',
          `Bearer ${userToken([READ_WRITE], { objectId: SECOND_ADMIN })}`,
        )
        .send({ decision: 'AdminDenied', reason: 'no' });
      expect(denied.status).toBe(204);
      return id;
    },
  };

  it('covers every sub-status Graph documents', () => {
    expect(Object.keys(REACH).sort()).toEqual([...SUB_STATUSES].sort());
  });

  it.each(SUB_STATUSES)('reaches %s through the API', async (subStatus) => {
    const id = await REACH[subStatus]();

    expect(await harness.subStatusOf(id)).toBe(subStatus);
  });

  it('moves a request one step per scheduler run, each step audited', async () => {
    const { id, subjectId } = await created('AdminAdd', 5);

    expect(
      (await auditEventsOf(harness.testApp.dataSource, id)).map((event) => [
        event.action,
        event.fromSubStatus,
        event.toSubStatus,
      ]),
    ).toEqual([
      ['Create', 'Accepted', 'Accepted'],
      ['Evaluate', 'Accepted', 'PendingEvaluation'],
      ['Evaluate', 'PendingEvaluation', 'Granted'],
      ['Provision', 'Granted', 'PendingProvisioning'],
      ['Provision', 'PendingProvisioning', 'ProvisioningStarted'],
      ['Provision', 'ProvisioningStarted', 'Provisioned'],
    ]);
    expect(await harness.assignmentOf(subjectId, approvalRole)).toMatchObject({
      id,
    });
  });

  it('never provisions a cancelled Granted request', async () => {
    const { id, subjectId } = await created('AdminAdd', 2);
    expect((await harness.act(id, 'cancel', ADMIN)).status).toBe(204);

    await harness.run(5);

    expect(
      await findStoredRequest(harness.testApp.dataSource, id),
    ).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
    expect(await harness.assignmentOf(subjectId, approvalRole)).toBeNull();
  });

  /** What each action needs: the sub-statuses it is allowed from, and where it leads. */
  const ACTIONS: Record<
    Action,
    {
      by: string;
      from: readonly SubStatus[];
      to: SubStatus;
      refusedWith: string;
    }
  > = {
    cancel: {
      by: ADMIN,
      from: CANCELLABLE_SUB_STATUSES,
      to: 'Canceled',
      refusedWith: 'RequestCannotBeCancelled',
    },
    approve: {
      by: APPROVER,
      from: ['PendingApproval'],
      to: 'PendingApprovalProvisioning',
      refusedWith: 'RequestNotPending',
    },
    deny: {
      by: APPROVER,
      from: ['PendingApproval'],
      to: 'Denied',
      refusedWith: 'RequestNotPending',
    },
    updateRequest: {
      by: SECOND_ADMIN,
      from: ['PendingAdminDecision'],
      to: 'AdminApproved',
      refusedWith: 'RequestNotPending',
    },
  };
  const cases = SUB_STATUSES.flatMap((subStatus) =>
    (Object.keys(ACTIONS) as Action[]).map(
      (action) =>
        [
          action,
          subStatus,
          ACTIONS[action].from.includes(subStatus) ? 'allowed' : 'refused',
        ] as const,
    ),
  );

  it.each(cases)('%s from %s: %s', async (action, subStatus, verdict) => {
    const id = await REACH[subStatus]();
    // Cancelling is the requestor's (ADMIN asked for every type but the User ones).
    const { requestorId } = await findStoredRequest(
      harness.testApp.dataSource,
      id,
    );
    const by =
      action === 'cancel' ? (requestorId ?? ADMIN) : ACTIONS[action].by;

    const response = await harness.act(id, action, by);

    if (verdict === 'allowed') {
      expect(response.status).toBe(204);
      expect(await harness.subStatusOf(id)).toBe(ACTIONS[action].to);
    } else {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(ACTIONS[action].refusedWith);
      expect(await harness.subStatusOf(id)).toBe(subStatus);
    }
  });
});
