import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Clock } from '../src/clock/clock.js';
import {
  RoleSettingAuditEventEntity,
  type RoleSettingRuleLists,
} from '../src/privileged-access/azure-resources/role-settings/role-setting-audit-event.entity.js';
import { RoleSettingEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting.entity.js';
import {
  authorizationDirectory,
  OWNER_ACTIVATION_RULES,
  RESOURCE,
  ROLE_SETTINGS,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import {
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from './support/directory.js';
import {
  ROLE_SETTING,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { aRequest, REQUESTS_PATH, storeRequests } from './support/requests.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import {
  APP_A,
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  USER_A,
  userToken,
} from './support/tokens.js';

const ROLE_SETTINGS_PATH = '/beta/privilegedAccess/azureResources/roleSettings';
/** A Privileged Role Administrator of tenant A: one who may change any of its settings. */
const administrator = (tenantId = TENANT_A) =>
  userToken([READ_WRITE], {
    tenantId,
    directoryRoleIds: [PRIVILEGED_ROLE_ADMINISTRATOR],
  });
const MFA_REQUIRED = {
  ruleIdentifier: 'MfaRule',
  setting: '{"mfaRequired":true}',
};
const JUSTIFICATION = {
  ruleIdentifier: 'JustificationRule',
  setting: '{"required":true}',
};
const expiringAfter = (minutes: number) => ({
  ruleIdentifier: 'ExpirationRule',
  setting: JSON.stringify({
    permanentAssignment: false,
    maximumGrantPeriodInMinutes: minutes,
  }),
});

describe('PATCH …/roleSettings/{id}', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([tenantAFixture(), tenantBFixture()]);
  });
  afterAll(() => testApp.close());

  function patch(id: string, body: unknown, token = administrator()) {
    return request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  }

  function stored(id: string, tenantId = TENANT_A) {
    return testApp.dataSource
      .getRepository(RoleSettingEntity)
      .findOneByOrFail({ tenantId, id });
  }

  it('replaces the named rule lists, keeps the others, records who and when: 204 with no body (@odata.type ignored)', async () => {
    const id = ROLE_SETTING(1);
    const before = await stored(id);

    const response = await patch(id.toUpperCase(), {
      '@odata.type': '#microsoft.graph.governanceRoleSetting',
      userMemberSettings: [MFA_REQUIRED, JUSTIFICATION],
    });

    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    const after = await stored(id);
    expect(after.userMemberSettings).toEqual([MFA_REQUIRED, JUSTIFICATION]);
    expect(after.adminMemberSettings).toEqual(before.adminMemberSettings);
    expect(after.adminEligibleSettings).toEqual(before.adminEligibleSettings);
    expect(after.lastUpdatedBy).toBe(USER_A);
    expect(after.lastUpdatedDateTime).not.toEqual(before.lastUpdatedDateTime);

    const read = await request(testApp.server)
      .get(`${ROLE_SETTINGS_PATH}/${id}?$select=userMemberSettings`)
      .set('Authorization', `Bearer ${userToken()}`);
    expect(read.body.userMemberSettings).toEqual([MFA_REQUIRED, JUSTIFICATION]);
  });

  it.each([
    [
      'a setting that is not JSON',
      { ruleIdentifier: 'MfaRule', setting: '{mfaRequired:true' },
      'userEligibleSettings[0].setting: is not valid JSON',
    ],
    [
      'a setting of the wrong shape',
      {
        ruleIdentifier: 'ExpirationRule',
        setting: '{"maximumGrantPeriodInMinutes":-5}',
      },
      'userEligibleSettings[0].setting.permanentAssignment',
    ],
    [
      'an unknown property in a setting',
      {
        ruleIdentifier: 'MfaRule',
        setting: '{"mfaRequired":true,"mfaRequire":false}',
      },
      'property mfaRequire should not exist',
    ],
    // JSON.parse makes these own properties, which class-transformer skips unseen.
    [
      '__proto__ in a setting',
      {
        ruleIdentifier: 'MfaRule',
        setting: '{"mfaRequired":true,"__proto__":{"isAdmin":true}}',
      },
      'userEligibleSettings[0].setting.__proto__: property __proto__ should not exist',
    ],
    [
      'constructor in a setting',
      {
        ruleIdentifier: 'MfaRule',
        setting: '{"mfaRequired":true,"constructor":{"prototype":{}}}',
      },
      'userEligibleSettings[0].setting.constructor: property constructor should not exist',
    ],
    [
      '__proto__ in an approver of a setting',
      {
        ruleIdentifier: 'ApprovalRule',
        setting: `{"Enabled":true,"Approvers":[{"Id":"${USER_A}","__proto__":{}}]}`,
      },
      'userEligibleSettings[0].setting.Approvers[0].__proto__: property __proto__ should not exist',
    ],
    [
      'an approver that is not a GUID',
      {
        ruleIdentifier: 'ApprovalRule',
        setting: '{"Enabled":true,"Approvers":[{"Id":"bob"}]}',
      },
      'Approvers[0].Id',
    ],
    [
      'an unknown rule',
      { ruleIdentifier: 'CoffeeRule', setting: '{}' },
      "'CoffeeRule' is not a rule",
    ],
  ])(
    'refuses %s with 400 InvalidRoleSetting, changing nothing',
    async (_case, rule, named) => {
      const id = ROLE_SETTING(2);
      const before = await stored(id);

      const response = await patch(id, {
        adminMemberSettings: [MFA_REQUIRED],
        userEligibleSettings: [rule],
      });

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.error.code).toBe('InvalidRoleSetting');
      expect(response.body.error.message).toContain(named);
      expect(await stored(id)).toEqual(before);
    },
  );

  it('refuses the same rule twice in one list', async () => {
    const response = await patch(ROLE_SETTING(2), {
      userMemberSettings: [MFA_REQUIRED, MFA_REQUIRED],
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('InvalidRoleSetting');
    expect(response.body.error.message).toContain("'MfaRule' appears twice");
  });

  it.each([
    [
      'a property that cannot be changed',
      { isDefault: true },
      'property isDefault should not exist',
    ],
    [
      'a list that is not a list',
      { userMemberSettings: 'MfaRule' },
      'userMemberSettings must be an array',
    ],
    [
      'a rule without its setting',
      { userMemberSettings: [{ ruleIdentifier: 'MfaRule' }] },
      'setting must be a string',
    ],
    ['a body that is not an object', [MFA_REQUIRED], 'body: must be an object'],
    [
      '__proto__ in the body',
      JSON.parse(
        '{"userMemberSettings":[],"__proto__":{"isDefault":true}}',
      ) as unknown,
      'body.__proto__: property __proto__ should not exist',
    ],
    [
      'constructor in a rule of the body',
      JSON.parse(
        '{"userMemberSettings":[{"ruleIdentifier":"MfaRule","setting":"{\\"mfaRequired\\":true}","constructor":1}]}',
      ) as unknown,
      'body.userMemberSettings[0].constructor: property constructor should not exist',
    ],
  ])('refuses %s with 400 BadRequest', async (_case, body, named) => {
    const response = await patch(ROLE_SETTING(3), body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toContain(named);
  });

  it('refuses malformed JSON with the Graph message', async () => {
    const response = await request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTING(3)}`)
      .set('Authorization', `Bearer ${administrator()}`)
      .set('Content-Type', 'application/json')
      .send('{"userMemberSettings": [');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
  });

  it.each([
    ['an unknown id', '99999999-0000-4000-8000-000000000001'],
    ['an id that is not a GUID', 'nope'],
  ])('answers 400 RoleSettingNotFound for %s', async (_case, id) => {
    const response = await patch(id, { userMemberSettings: [MFA_REQUIRED] });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleSettingNotFound');
  });

  it("does not change another tenant's setting of the same id", async () => {
    const id = ROLE_SETTING(0);
    const theirsBefore = await stored(id, TENANT_B);

    const response = await patch(
      id,
      { userMemberSettings: [JUSTIFICATION] },
      administrator(TENANT_A),
    );

    expect(response.status).toBe(204);
    expect(await stored(id, TENANT_B)).toEqual(theirsBefore);
    expect((await stored(id)).userMemberSettings).toEqual([JUSTIFICATION]);
  });

  it('needs PrivilegedAccess.ReadWrite.AzureResources: an application with Read only gets 403 and changes nothing', async () => {
    const id = ROLE_SETTING(4);
    const before = await stored(id);

    const response = await patch(
      id,
      { userMemberSettings: [JUSTIFICATION] },
      appToken([READ]),
    );

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('UnauthorizedAccessException');
    expect(await stored(id)).toEqual(before);
  });
});

describe('the audit of role setting changes: GET …/roleSettings/{id}/auditEvents (extension)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  function patch(id: string, body: object, token: string) {
    return request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('client-request-id', 'settings-audit-test')
      .send(body);
  }

  function auditEvents(id: string, token: string, query = '') {
    return request(testApp.server)
      .get(`${ROLE_SETTINGS_PATH}/${id}/auditEvents${query}`)
      .set('Authorization', `Bearer ${token}`);
  }

  function storedEvents(roleSettingId: string) {
    return testApp.dataSource
      .getRepository(RoleSettingAuditEventEntity)
      .find({ where: { roleSettingId }, order: { occurredDateTime: 'ASC' } });
  }

  const storedSetting = (id: string) =>
    testApp.dataSource
      .getRepository(RoleSettingEntity)
      .findOneByOrFail({ tenantId: TENANT_A, id });

  it('records who changed a setting, when by the service’s clock, in which call, and the four rule lists before and after', async () => {
    const clock = testApp.app.get(Clock);
    // Ten days away from the machine's time: a record dated by the machine would fall outside.
    clock.advanceBy(10 * 86_400_000);
    try {
      const before = await storedSetting(ROLE_SETTINGS.reader);
      const earliest = clock.now().getTime();

      const response = await patch(
        ROLE_SETTINGS.reader,
        { userMemberSettings: [MFA_REQUIRED] },
        user(USERS.owner),
      );

      const latest = clock.now().getTime();
      expect(response.status).toBe(204);
      const read = await auditEvents(ROLE_SETTINGS.reader, user(USERS.owner));
      expect(read.status).toBe(200);
      expect(read.body['@odata.context']).toMatch(
        /\/beta\/\$metadata#governanceRoleSettingAuditEvents$/,
      );
      const lists = {
        adminEligibleSettings: before.adminEligibleSettings,
        adminMemberSettings: before.adminMemberSettings,
        userEligibleSettings: before.userEligibleSettings,
      };
      expect(read.body.value).toEqual([
        {
          id: expect.any(String),
          roleSettingId: ROLE_SETTINGS.reader,
          actorId: USERS.owner,
          actorType: 'User',
          occurredDateTime: expect.any(String),
          sequence: 1,
          httpRequestId: response.headers['request-id'],
          clientRequestId: 'settings-audit-test',
          api: 'Graph',
          before: { ...lists, userMemberSettings: before.userMemberSettings },
          after: { ...lists, userMemberSettings: [MFA_REQUIRED] },
        },
      ]);
      const occurred = Date.parse(read.body.value[0].occurredDateTime);
      expect(occurred).toBeGreaterThanOrEqual(earliest);
      expect(occurred).toBeLessThanOrEqual(latest);
      expect(
        (await storedSetting(ROLE_SETTINGS.reader)).lastUpdatedDateTime,
      ).toEqual(new Date(occurred));
    } finally {
      clock.advanceBy(-10 * 86_400_000);
    }
  });

  it('names an application by its application id', async () => {
    const response = await patch(
      ROLE_SETTINGS.ownerOfOther,
      { adminMemberSettings: [JUSTIFICATION] },
      appToken(),
    );

    expect(response.status).toBe(204);
    const [event] = await storedEvents(ROLE_SETTINGS.ownerOfOther);
    expect(event).toMatchObject({
      tenantId: TENANT_A,
      actorId: APP_A,
      actorType: 'Application',
      after: { adminMemberSettings: [JUSTIFICATION] },
    });
  });

  it('records two changes made at once one after the other: one found what the other left', async () => {
    const responses = await Promise.all(
      [[MFA_REQUIRED], [JUSTIFICATION]].map((rules) =>
        patch(
          ROLE_SETTINGS.ownerOfOther,
          { userEligibleSettings: rules },
          user(USERS.ownerOfOtherResource),
        ),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual([204, 204]);
    const ids = responses.map((response) => response.headers['request-id']);
    const [one, other] = (await storedEvents(ROLE_SETTINGS.ownerOfOther))
      .filter((event) => ids.includes(event.httpRequestId))
      .map((event) => event.before.userEligibleSettings);
    const after = (await storedSetting(ROLE_SETTINGS.ownerOfOther))
      .userEligibleSettings;
    // Whichever went second found the first one's rules, and its own are what stays.
    expect([one, other]).toContainEqual(
      after[0].ruleIdentifier === 'MfaRule' ? [JUSTIFICATION] : [MFA_REQUIRED],
    );
  });

  it.each([
    [
      'a caller who may not change it (403)',
      () => user(USERS.outsider),
      { userMemberSettings: [] },
    ],
    [
      'an invalid setting (400 InvalidRoleSetting)',
      () => user(USERS.owner),
      { userMemberSettings: [{ ruleIdentifier: 'MfaRule', setting: '{' }] },
    ],
    [
      'an invalid body (400 BadRequest)',
      () => user(USERS.owner),
      { isDefault: true },
    ],
  ])('records nothing for %s', async (_case, token, body) => {
    const before = await storedEvents(ROLE_SETTINGS.owner);

    const response = await patch(ROLE_SETTINGS.owner, body, token());

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await storedEvents(ROLE_SETTINGS.owner)).toEqual(before);
  });

  it('pages the events in the order they happened', async () => {
    for (const setting of ['{"required":true}', '{"required":false}']) {
      const response = await patch(
        ROLE_SETTINGS.owner,
        {
          adminEligibleSettings: [
            { ruleIdentifier: 'JustificationRule', setting },
          ],
        },
        user(USERS.userAccessAdministrator),
      );
      expect(response.status).toBe(204);
    }
    const events = testApp.dataSource.getRepository(
      RoleSettingAuditEventEntity,
    );
    const [first] = await storedEvents(ROLE_SETTINGS.owner);
    // Later changes, each in its place after the two above: stored out of order on purpose.
    for (const place of [4, 3]) {
      await events.insert({
        ...first,
        id: randomUUID(),
        occurredDateTime: new Date(
          first.occurredDateTime.getTime() + place * 60_000,
        ),
        sequence: place,
      });
    }

    const page = await auditEvents(
      ROLE_SETTINGS.owner,
      appToken([READ]),
      '?$top=2&$count=true',
    );
    const next = (page.body['@odata.nextLink'] as string).replace(
      /^https?:\/\/[^/]+/,
      '',
    );
    const rest = await auditEvents(
      ROLE_SETTINGS.owner,
      appToken([READ]),
      next.slice(next.indexOf('?')),
    );

    const listed = [...page.body.value, ...rest.body.value] as {
      occurredDateTime: string;
      sequence: number;
    }[];
    const times = listed.map((event) => event.occurredDateTime);
    expect(page.body['@odata.count']).toBe(4);
    expect(listed.map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
    expect([...times].sort()).toEqual(times);
    expect(rest.body['@odata.nextLink']).toBeUndefined();
    const after = await auditEvents(
      ROLE_SETTINGS.owner,
      appToken([READ]),
      `?$filter=${encodeURIComponent('sequence gt 2')}`,
    );
    expect(
      (after.body.value as { sequence: number }[]).map(
        (event) => event.sequence,
      ),
    ).toEqual([3, 4]);
  });

  it('lists changes made at one clock reading in the order they were made', async () => {
    const moment = testApp.clock.now();
    jest.spyOn(testApp.clock, 'now').mockReturnValue(moment);
    // Eight changes: listed by their random ids, they would come back in this order once in 40,320.
    const periods = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => 60 * n);
    try {
      for (const minutes of periods) {
        const response = await patch(
          ROLE_SETTINGS.reader,
          { adminMemberSettings: [expiringAfter(minutes)] },
          user(USERS.owner),
        );
        expect(response.status).toBe(204);
      }
    } finally {
      jest.restoreAllMocks();
    }

    const read = await auditEvents(
      ROLE_SETTINGS.reader,
      user(USERS.owner),
      `?$filter=${encodeURIComponent(`occurredDateTime eq ${moment.toISOString()}`)}`,
    );

    expect(read.status).toBe(200);
    const listed = read.body.value as {
      sequence: number;
      before: RoleSettingRuleLists;
      after: RoleSettingRuleLists;
    }[];
    expect(listed.map((event) => event.after.adminMemberSettings)).toEqual(
      periods.map((minutes) => [expiringAfter(minutes)]),
    );
    expect(listed.slice(1).map((event) => event.before)).toEqual(
      listed.slice(0, -1).map((event) => event.after),
    );
    expect(listed.map((event) => event.sequence - listed[0].sequence)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it.each([
    ['an unknown setting', () => randomUUID(), () => appToken()],
    ['an id that is not a GUID', () => 'nope', () => appToken()],
    [
      'a setting of tenant A, to tenant B’s Global Administrator',
      () => ROLE_SETTINGS.owner,
      () =>
        userToken([READ_WRITE], {
          tenantId: TENANT_B,
          objectId: USERS.owner,
          directoryRoleIds: [GLOBAL_ADMINISTRATOR],
        }),
    ],
  ])('answers 400 RoleSettingNotFound for %s', async (_case, id, token) => {
    const response = await auditEvents(id(), token());

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleSettingNotFound');
  });

  it('is erased with the rest of the tenant by the emulator’s reset', async () => {
    expect(
      (
        await patch(
          ROLE_SETTINGS.reader,
          { userMemberSettings: [JUSTIFICATION] },
          user(USERS.owner),
        )
      ).status,
    ).toBe(204);

    const reset = await request(testApp.server)
      .post('/_emulator/reset')
      .set('Authorization', `Bearer ${appToken()}`);

    expect(reset.status).toBe(200);
    expect(reset.body.deleted.role_setting_audit_events).toBeGreaterThan(0);
    expect(
      await testApp.dataSource
        .getRepository(RoleSettingAuditEventEntity)
        .countBy({ tenantId: TENANT_A }),
    ).toBe(0);
  });
});

describe('a role setting change whose audit record cannot be written', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  it('leaves the setting as it was: nothing half-written', async () => {
    const settings = testApp.dataSource.getRepository(RoleSettingEntity);
    const before = await settings.findOneByOrFail({
      tenantId: TENANT_A,
      id: ROLE_SETTINGS.owner,
    });
    await testApp.dataSource.query('DROP TABLE role_setting_audit_events');

    const response = await request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTINGS.owner}`)
      .set('Authorization', `Bearer ${user(USERS.owner)}`)
      .send({ userMemberSettings: [] });

    expect(response.status).toBe(500);
    expect(
      await settings.findOneByOrFail({
        tenantId: TENANT_A,
        id: ROLE_SETTINGS.owner,
      }),
    ).toEqual(before);
  });
});

describe('the reported escalation (issue 13): users who do not administer a resource rewrite its roles’ settings', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  const storedSetting = (id: string) =>
    testApp.dataSource
      .getRepository(RoleSettingEntity)
      .findOneByOrFail({ tenantId: TENANT_A, id });

  it('refuses an eligible-only Owner who turns off approval, MFA, justification and expiry of the Owner role; her activation still needs approval', async () => {
    const stored = await storedSetting(ROLE_SETTINGS.owner);
    const her = user(USERS.eligibleOwner);

    const loosened = await request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTINGS.owner}`)
      .set('Authorization', `Bearer ${her}`)
      .send({
        userMemberSettings: [
          {
            ruleIdentifier: 'ExpirationRule',
            setting:
              '{"permanentAssignment":true,"maximumGrantPeriodInMinutes":525600}',
          },
          { ruleIdentifier: 'MfaRule', setting: '{"mfaRequired":false}' },
          {
            ruleIdentifier: 'JustificationRule',
            setting: '{"required":false}',
          },
          {
            ruleIdentifier: 'ApprovalRule',
            setting: '{"Enabled":false,"Approvers":[]}',
          },
        ],
      });

    expect(loosened.status).toBe(403);
    expect(loosened.headers['content-type']).toMatch(/^application\/json/);
    expect(loosened.body.error).toMatchObject({
      code: 'UnauthorizedAccessException',
      message: 'Attempted to perform an unauthorized operation.',
    });
    expect(await storedSetting(ROLE_SETTINGS.owner)).toEqual(stored);
    const read = await request(testApp.server)
      .get(`${ROLE_SETTINGS_PATH}/${ROLE_SETTINGS.owner}`)
      .set('Authorization', `Bearer ${her}`);
    expect(read.body.userMemberSettings).toEqual(OWNER_ACTIVATION_RULES);
    expect(
      await testApp.dataSource
        .getRepository(RoleSettingAuditEventEntity)
        .countBy({ tenantId: TENANT_A }),
    ).toBe(0);

    const activate = (schedule: object) =>
      request(testApp.server)
        .post(REQUESTS_PATH)
        .set(
          'Authorization',
          `Bearer ${userToken([READ_WRITE], { objectId: USERS.eligibleOwner, authenticationMethods: ['pwd', 'mfa'] })}`,
        )
        .send({
          resourceId: RESOURCE,
          roleDefinitionId: ROLES.owner,
          subjectId: USERS.eligibleOwner,
          assignmentState: 'Active',
          type: 'UserAdd',
          reason: 'incident 4711',
          schedule: { type: 'Once', ...schedule },
        });
    const permanent = await activate({});
    expect(permanent.status).toBe(400);
    expect(permanent.body.error.code).toBe(
      'RoleAssignmentRequestPolicyValidationFailed',
    );
    const bounded = await activate({ duration: 'PT4H' });
    expect(bounded.status).toBe(201);
    expect(bounded.body.status.subStatus).toBe('PendingApproval');
    const audit = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${bounded.body.id}/auditEvents`)
      .set('Authorization', `Bearer ${her}`);
    expect(audit.status).toBe(403);
  });

  it('refuses a plain user who names himself approver, and then his approval of someone else’s request', async () => {
    const stored = await storedSetting(ROLE_SETTINGS.reader);
    const waiting = aRequest({
      requestorId: USERS.requestor,
      subjectId: USERS.requestor,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
    });
    await storeRequests(testApp.dataSource, waiting);
    const him = user(USERS.outsider);

    const named = await request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTINGS.reader}`)
      .set('Authorization', `Bearer ${him}`)
      .send({
        userMemberSettings: [
          {
            ruleIdentifier: 'ApprovalRule',
            setting: JSON.stringify({
              Enabled: true,
              Approvers: [{ Id: USERS.outsider, Type: 'User' }],
            }),
          },
        ],
      });
    const approved = await request(testApp.server)
      .post(`${REQUESTS_PATH}/${waiting.id}/approve`)
      .set('Authorization', `Bearer ${him}`)
      .send({ reason: 'looks fine' });

    expect(named.status).toBe(403);
    expect(named.body.error.code).toBe('UnauthorizedAccessException');
    expect(await storedSetting(ROLE_SETTINGS.reader)).toEqual(stored);
    expect(approved.status).toBe(403);
    const after = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${waiting.id}`)
      .set('Authorization', `Bearer ${him}`);
    expect(after.body.status.subStatus).toBe('PendingApproval');
  });
});
