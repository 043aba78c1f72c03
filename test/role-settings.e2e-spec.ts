import request from 'supertest';
import { RoleSettingEntity } from '../src/privileged-access/azure-resources/role-settings/role-setting.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  ROLE_SETTING,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  USER_A,
  userToken,
} from './support/tokens.js';

const ROLE_SETTINGS_PATH = '/beta/privilegedAccess/azureResources/roleSettings';
const MFA_REQUIRED = {
  ruleIdentifier: 'MfaRule',
  setting: '{"mfaRequired":true}',
};
const JUSTIFICATION = {
  ruleIdentifier: 'JustificationRule',
  setting: '{"required":true}',
};

describe('PATCH …/roleSettings/{id}', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
    const seeds = testApp.app.get(SeedService);
    await seeds.seed(tenantAFixture());
    await seeds.seed(tenantBFixture());
  });
  afterAll(() => testApp.close());

  function patch(id: string, body: unknown, token = userToken()) {
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
  ])('refuses %s with 400 BadRequest', async (_case, body, named) => {
    const response = await patch(ROLE_SETTING(3), body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BadRequest');
    expect(response.body.error.message).toContain(named);
  });

  it('refuses malformed JSON with the Graph message', async () => {
    const response = await request(testApp.server)
      .patch(`${ROLE_SETTINGS_PATH}/${ROLE_SETTING(3)}`)
      .set('Authorization', `Bearer ${userToken()}`)
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
      userToken([READ_WRITE], { tenantId: TENANT_A }),
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
