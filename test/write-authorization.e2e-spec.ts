import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { ResourceEntity } from '../src/privileged-access/azure-resources/resources/resource.entity.js';
import { RoleSettingAuditEventEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting-audit-event.entity.js';
import { RoleSettingEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  authorizationDirectory,
  RESOURCE,
  ROLE_SETTINGS,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import {
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
  userRecord,
} from './support/directory.js';
import { fixtureId } from './support/pim-fixture.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import {
  startSeededTestApp,
  startTestApp,
  type TestApp,
} from './support/test-app.js';
import {
  APP_A,
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  userToken,
} from './support/tokens.js';

/**
 * Who may call each write route, beyond the permission of its token (test/cancel-authorization
 * has the cancel and the decisions). Every refusal is 403 UnauthorizedAccessException with
 * nothing changed; another tenant's administrator finds nothing of tenant A.
 */

const ROLE_SETTINGS_PATH = '/beta/privilegedAccess/azureResources/roleSettings';
/** The PIM administrators' own user ids: they ask for themselves too. */
const PRIVILEGED_ROLE_ADMINISTRATOR_USER = fixtureId('c1000000', 1);
const GLOBAL_ADMINISTRATOR_USER = fixtureId('c1000000', 2);

interface Caller {
  readonly name: string;
  readonly actorId: string;
  readonly token: () => string;
}

const APPLICATION: Caller = {
  name: 'an application with ReadWrite',
  actorId: APP_A,
  token: () => appToken(),
};
const READ_ONLY_APPLICATION: Caller = {
  name: 'an application with Read only',
  actorId: APP_A,
  token: () => appToken([READ]),
};
const PRIVILEGED_ROLE_ADMIN: Caller = {
  name: 'a Privileged Role Administrator (wids)',
  actorId: PRIVILEGED_ROLE_ADMINISTRATOR_USER,
  token: () =>
    user(PRIVILEGED_ROLE_ADMINISTRATOR_USER, [PRIVILEGED_ROLE_ADMINISTRATOR]),
};
const GLOBAL_ADMIN: Caller = {
  name: 'a Global Administrator (wids)',
  actorId: GLOBAL_ADMINISTRATOR_USER,
  token: () => user(GLOBAL_ADMINISTRATOR_USER, [GLOBAL_ADMINISTRATOR]),
};
const OWNER: Caller = {
  name: 'an active Owner of the resource',
  actorId: USERS.owner,
  token: () => user(USERS.owner),
};
const USER_ACCESS_ADMINISTRATOR: Caller = {
  name: 'an active User Access Administrator of the resource',
  actorId: USERS.userAccessAdministrator,
  token: () => user(USERS.userAccessAdministrator),
};
const ELIGIBLE_OWNER: Caller = {
  name: 'an eligible-only Owner of the resource',
  actorId: USERS.eligibleOwner,
  token: () => user(USERS.eligibleOwner),
};
const OWNER_OF_OTHER_RESOURCE: Caller = {
  name: 'an Owner of another resource',
  actorId: USERS.ownerOfOtherResource,
  token: () => user(USERS.ownerOfOtherResource),
};
const PLAIN_USER: Caller = {
  name: 'a plain user',
  actorId: USERS.outsider,
  token: () => user(USERS.outsider),
};
const OTHER_TENANT_ADMIN: Caller = {
  name: 'another tenant’s Global Administrator',
  actorId: USERS.owner,
  token: () =>
    userToken([READ_WRITE], {
      tenantId: TENANT_B,
      objectId: USERS.owner,
      directoryRoleIds: [GLOBAL_ADMINISTRATOR],
    }),
};

const CALLERS: readonly Caller[] = [
  APPLICATION,
  READ_ONLY_APPLICATION,
  PRIVILEGED_ROLE_ADMIN,
  GLOBAL_ADMIN,
  OWNER,
  USER_ACCESS_ADMINISTRATOR,
  ELIGIBLE_OWNER,
  OWNER_OF_OTHER_RESOURCE,
  PLAIN_USER,
  OTHER_TENANT_ADMIN,
];

type Outcome =
  'allowed' | 'refused' | 'not found' | 'allowed, never on tenant A’s data';

/**
 * Each caller with each case, and what it gets: `allowed` says who of tenant A may where;
 * another tenant's administrator gets `otherTenant`.
 */
function matrix<Case extends string>(
  cases: readonly Case[],
  allowed: (caller: Caller, which: Case) => boolean,
  otherTenant: Outcome = 'not found',
): [string, Case, Outcome, Caller][] {
  return CALLERS.flatMap((caller) =>
    cases.map((which): [string, Case, Outcome, Caller] => [
      caller.name,
      which,
      caller === OTHER_TENANT_ADMIN
        ? otherTenant
        : allowed(caller, which)
          ? 'allowed'
          : 'refused',
      caller,
    ]),
  );
}

function expectRefused(response: request.Response): void {
  expect(response.status).toBe(403);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body.error.code).toBe('UnauthorizedAccessException');
}

/** Those who administer RESOURCE (or, for `where`, OTHER_RESOURCE) or every resource. */
function administers(caller: Caller, where: 'resource' | 'other'): boolean {
  const everywhere = [APPLICATION, PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN];
  const of =
    where === 'resource'
      ? [OWNER, USER_ACCESS_ADMINISTRATOR]
      : [OWNER_OF_OTHER_RESOURCE];
  return [...everywhere, ...of].includes(caller);
}

describe('who may write: the matrix of every write route', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([
      authorizationDirectory(),
      {
        subjects: [
          PRIVILEGED_ROLE_ADMINISTRATOR_USER,
          GLOBAL_ADMINISTRATOR_USER,
        ].map((id) => userRecord(TENANT_A, id)),
      },
    ]);
  });
  afterAll(() => testApp.close());

  describe('POST …/roleAssignmentRequests', () => {
    const WHO_FOR = [
      'AdminAdd for someone else',
      'AdminAdd for themselves',
      'UserAdd for someone else',
    ] as const;

    /** A new user of tenant A, so that each case asks about an assignment of its own. */
    async function newSubject(): Promise<string> {
      const id = randomUUID();
      await testApp.app
        .get(SeedService)
        .seed({ subjects: [userRecord(TENANT_A, id)] });
      return id;
    }

    const cases = matrix(
      WHO_FOR,
      (caller, whoFor) =>
        whoFor.startsWith('AdminAdd') && administers(caller, 'resource'),
    ).filter(
      // An application asks for no one as itself: it is not a subject of the directory.
      ([, whoFor, , caller]) =>
        whoFor !== 'AdminAdd for themselves' ||
        ![APPLICATION, READ_ONLY_APPLICATION].includes(caller),
    );

    it.each(cases)('%s, %s: %s', async (_name, whoFor, outcome, caller) => {
      const subjectId =
        whoFor === 'AdminAdd for themselves'
          ? caller.actorId
          : await newSubject();
      const requests = testApp.dataSource.getRepository(
        RoleAssignmentRequestEntity,
      );
      const before = await requests.count();

      const response = await request(testApp.server)
        .post(REQUESTS_PATH)
        .set('Authorization', `Bearer ${caller.token()}`)
        .send({
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.reader,
          subjectId,
          assignmentState:
            whoFor === 'UserAdd for someone else' ? 'Active' : 'Eligible',
          type: whoFor.startsWith('UserAdd') ? 'UserAdd' : 'AdminAdd',
          reason: 'matrix',
          schedule: { type: 'Once', duration: 'P30D' },
        });

      if (outcome === 'allowed') {
        expect(response.status).toBe(201);
        expect(
          await requests.findOneByOrFail({
            tenantId: TENANT_A,
            id: response.body.id as string,
          }),
        ).toMatchObject({ requestorId: caller.actorId, subjectId });
        return;
      }
      if (outcome === 'refused') {
        expectRefused(response);
      } else {
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('ResourceNotFound');
      }
      expect(await requests.count()).toBe(before);
    });
  });

  describe('PATCH …/roleSettings/{id}', () => {
    const WHICH = [
      'a role of the resource',
      'a role of another resource',
    ] as const;
    const SETTING_OF = {
      'a role of the resource': ROLE_SETTINGS.reader,
      'a role of another resource': ROLE_SETTINGS.ownerOfOther,
    };

    let changes = 0;
    const cases = matrix(WHICH, (caller, which) =>
      administers(
        caller,
        which === 'a role of the resource' ? 'resource' : 'other',
      ),
    );

    it.each(cases)('%s, %s: %s', async (_name, which, outcome, caller) => {
      const id = SETTING_OF[which];
      const settings = testApp.dataSource.getRepository(RoleSettingEntity);
      const before = await settings.findOneByOrFail({ tenantId: TENANT_A, id });
      const auditedBefore = await testApp.dataSource
        .getRepository(RoleSettingAuditEventEntity)
        .countBy({ tenantId: TENANT_A, roleSettingId: id });
      // A value no other case writes, so that a change is seen as this one's.
      const rules = [
        {
          ruleIdentifier: 'ExpirationRule',
          setting: JSON.stringify({
            permanentAssignment: false,
            maximumGrantPeriodInMinutes: 60 + (changes += 1),
          }),
        },
      ];

      const response = await request(testApp.server)
        .patch(`${ROLE_SETTINGS_PATH}/${id}`)
        .set('Authorization', `Bearer ${caller.token()}`)
        .send({ adminEligibleSettings: rules });

      const after = await settings.findOneByOrFail({ tenantId: TENANT_A, id });
      const audited = await testApp.dataSource
        .getRepository(RoleSettingAuditEventEntity)
        .countBy({ tenantId: TENANT_A, roleSettingId: id });
      if (outcome === 'allowed') {
        expect(response.status).toBe(204);
        expect(after.adminEligibleSettings).toEqual(rules);
        expect(after.lastUpdatedBy).toBe(caller.actorId);
        expect(audited).toBe(auditedBefore + 1);
        return;
      }
      if (outcome === 'refused') {
        expectRefused(response);
      } else {
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('RoleSettingNotFound');
      }
      expect(after).toEqual(before);
      expect(audited).toBe(auditedBefore);
    });

    it('answers a refused caller the same whatever the setting holds: an empty setting too', async () => {
      const refusals = await Promise.all(
        [ROLE_SETTINGS.reader, ROLE_SETTINGS.owner].map((id) =>
          request(testApp.server)
            .patch(`${ROLE_SETTINGS_PATH}/${id}`)
            .set('Authorization', `Bearer ${PLAIN_USER.token()}`)
            .send({ userMemberSettings: [] }),
        ),
      );

      const [first, second] = refusals.map((response) => ({
        status: response.status,
        error: { ...response.body.error, innerError: undefined },
      }));
      expect(first).toEqual(second);
      expect(first.status).toBe(403);
    });
  });

  describe('GET …/roleSettings/{id}/auditEvents (extension)', () => {
    const WHICH = [
      'a role of the resource',
      'a role of another resource',
    ] as const;
    const SETTING_OF = {
      'a role of the resource': ROLE_SETTINGS.reader,
      'a role of another resource': ROLE_SETTINGS.ownerOfOther,
    };

    // Who may change a setting may read its changes; an application that only reads may too.
    const cases = matrix(
      WHICH,
      (caller, which) =>
        caller === READ_ONLY_APPLICATION ||
        administers(
          caller,
          which === 'a role of the resource' ? 'resource' : 'other',
        ),
    );

    it.each(cases)('%s, %s: %s', async (_name, which, outcome, caller) => {
      const response = await request(testApp.server)
        .get(`${ROLE_SETTINGS_PATH}/${SETTING_OF[which]}/auditEvents`)
        .set('Authorization', `Bearer ${caller.token()}`);

      if (outcome === 'allowed') {
        expect(response.status).toBe(200);
        expect(Array.isArray(response.body.value)).toBe(true);
      } else if (outcome === 'refused') {
        expectRefused(response);
      } else {
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('RoleSettingNotFound');
      }
    });
  });

  describe('an application with Read only, on the routes that change requests', () => {
    it.each([
      ['cancel', 'PendingApproval', undefined],
      ['approve', 'PendingApproval', { reason: 'checked' }],
      ['deny', 'PendingApproval', { reason: 'checked' }],
      [
        'updateRequest',
        'PendingAdminDecision',
        { decision: 'AdminApproved', reason: 'checked' },
      ],
    ] as const)(
      '%s: refused, nothing changes',
      async (action, subStatus, body) => {
        const stored = aRequest({
          requestorId: USERS.requestor,
          subjectId: USERS.requestor,
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.reader,
          type: subStatus === 'PendingApproval' ? 'UserAdd' : 'UserExtend',
          subStatus,
        });
        await storeRequests(testApp.dataSource, stored);

        const response = await request(testApp.server)
          .post(`${REQUESTS_PATH}/${stored.id}/${action}`)
          .set('Authorization', `Bearer ${READ_ONLY_APPLICATION.token()}`)
          .send(body);

        expectRefused(response);
        expect(
          (await findStoredRequest(testApp.dataSource, stored.id)).subStatus,
        ).toBe(subStatus);
        expect(await auditEventsOf(testApp.dataSource, stored.id)).toEqual([]);
      },
    );
  });
});

describe('who may call the emulator’s control API (/_emulator): any caller of the tenant with ReadWrite', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  beforeEach(() => testApp.app.get(SeedService).seed(authorizationDirectory()));
  afterAll(() => testApp.close());

  const resourcesOf = (tenantId: string) =>
    testApp.dataSource.getRepository(ResourceEntity).countBy({ tenantId });

  const CALLS = {
    'POST /_emulator/reset': {
      method: 'post',
      path: '/_emulator/reset',
      status: 200,
    },
    'POST /_emulator/seed': {
      method: 'post',
      path: '/_emulator/seed',
      status: 200,
      body: {
        subjects: [
          { id: fixtureId('c2000000', 1), type: 'User', displayName: 'new' },
        ],
      },
    },
    'POST /_emulator/clock': {
      method: 'post',
      path: '/_emulator/clock',
      status: 200,
      body: {},
    },
    'POST /_emulator/faults': {
      method: 'post',
      path: '/_emulator/faults',
      status: 201,
      body: { status: 503, count: 1, path: '/never' },
    },
    'DELETE /_emulator/faults': {
      method: 'delete',
      path: '/_emulator/faults',
      status: 204,
    },
  } as const;
  type Call = keyof typeof CALLS;

  // The control API can write any row of the tenant (role assignments included), so no role
  // would protect it from a caller who may call it: it must not run where people other than the
  // test suite hold tokens (docs/emulator.md). Another tenant's caller acts on its own tenant.
  const cases = matrix(
    Object.keys(CALLS) as Call[],
    (caller) => caller !== READ_ONLY_APPLICATION,
    'allowed, never on tenant A’s data',
  );

  it.each(cases)('%s, %s: %s', async (_name, call, outcome, caller) => {
    const { method, path, status, ...rest } = CALLS[call];
    const resourcesBefore = await resourcesOf(TENANT_A);

    const response = await request(testApp.server)
      [method](path)
      .set('Authorization', `Bearer ${caller.token()}`)
      .send('body' in rest ? rest.body : undefined);

    if (outcome === 'refused') {
      expectRefused(response);
      expect(await resourcesOf(TENANT_A)).toBe(resourcesBefore);
      return;
    }
    expect(response.status).toBe(status);
    const resetOfA = call === 'POST /_emulator/reset' && outcome === 'allowed';
    expect(await resourcesOf(TENANT_A)).toBe(resetOfA ? 0 : resourcesBefore);
  });
});
