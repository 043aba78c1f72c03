import type {
  RoleSettingEntity,
  RoleSettingRule,
} from '../../role-settings/role-setting.entity.js';
import {
  approvalRoutesOf,
  endAfter,
  evaluatePolicy,
  ruleListFor,
  type RuleListName,
} from './role-assignment-request.policy.js';

const rule = (ruleIdentifier: string, setting: object) => ({
  ruleIdentifier,
  setting: JSON.stringify(setting),
});
const START = new Date('2026-11-28T10:00:00.000Z');
const hoursLater = (hours: number) =>
  new Date(START.getTime() + hours * 3_600_000);
const EIGHT_HOURS = rule('ExpirationRule', {
  permanentAssignment: false,
  maximumGrantPeriodInMinutes: 480,
});

describe('ruleListFor', () => {
  it.each([
    ['AdminAdd', 'Eligible', 'adminEligibleSettings'],
    ['AdminExtend', 'Active', 'adminMemberSettings'],
    ['UserAdd', 'Active', 'userMemberSettings'],
    ['UserRenew', 'Eligible', 'userEligibleSettings'],
  ] as const)('%s of an %s assignment: %s', (type, state, list) => {
    expect(ruleListFor(type, state)).toBe(list);
  });
});

describe('evaluatePolicy', () => {
  it('grants what the rules allow, each rule in the status details', () => {
    expect(
      evaluatePolicy(
        [EIGHT_HOURS, rule('JustificationRule', { required: true })],
        { reason: 'fix', grant: { start: START, end: hoursLater(8) } },
      ),
    ).toEqual({
      failedRules: [],
      statusDetails: [
        { key: 'ExpirationRule', value: 'Grant' },
        { key: 'JustificationRule', value: 'Grant' },
      ],
      approvalRequired: false,
    });
  });

  it.each([
    ['longer than the maximum', hoursLater(8.5)],
    ['permanent when the rule forbids it', null],
  ])('fails ExpirationRule for a grant %s', (_case, end) => {
    expect(
      evaluatePolicy([EIGHT_HOURS], {
        reason: null,
        grant: { start: START, end },
      }).failedRules,
    ).toEqual(['ExpirationRule']);
  });

  it('allows a permanent grant when the rule does', () => {
    const permanent = rule('ExpirationRule', {
      permanentAssignment: true,
      maximumGrantPeriodInMinutes: 60,
    });

    expect(
      evaluatePolicy([permanent], {
        reason: null,
        grant: { start: START, end: null },
      }).failedRules,
    ).toEqual([]);
  });

  it.each([null, '', '   '])(
    'fails JustificationRule without a reason (%p)',
    (reason) => {
      expect(
        evaluatePolicy([rule('JustificationRule', { required: true })], {
          reason,
        }).failedRules,
      ).toEqual(['JustificationRule']);
    },
  );

  it('asks for approval when the ApprovalRule is enabled, and not otherwise', () => {
    const enabled = evaluatePolicy(
      [rule('ApprovalRule', { Enabled: true, Approvers: [] })],
      { reason: null },
    );
    const disabled = evaluatePolicy(
      [rule('ApprovalRule', { Enabled: false, Approvers: [] })],
      { reason: null },
    );

    expect(enabled.approvalRequired).toBe(true);
    expect(enabled.statusDetails).toEqual([
      { key: 'ApprovalRule', value: 'Pending' },
    ]);
    expect(disabled.approvalRequired).toBe(false);
  });

  it.each([
    ['a user who signed in with a password only', false, ['MfaRule']],
    ['a user who signed in with a second factor', true, []],
    ['an application, which cannot sign in interactively', undefined, []],
  ])(
    'applies a required MfaRule to %s',
    (_case, multiFactorAuthenticated, failedRules) => {
      expect(
        evaluatePolicy([rule('MfaRule', { mfaRequired: true })], {
          reason: null,
          multiFactorAuthenticated,
        }).failedRules,
      ).toEqual(failedRules);
    },
  );

  it('does not ask for a second factor when MfaRule does not require one', () => {
    expect(
      evaluatePolicy([rule('MfaRule', { mfaRequired: false })], {
        reason: null,
        multiFactorAuthenticated: false,
      }),
    ).toEqual({
      failedRules: [],
      statusDetails: [{ key: 'MfaRule', value: 'Grant' }],
      approvalRequired: false,
    });
  });

  it('does not judge the expiration of a request without a schedule (a removal)', () => {
    expect(evaluatePolicy([EIGHT_HOURS], { reason: null }).failedRules).toEqual(
      [],
    );
  });
});

describe('endAfter', () => {
  it.each([
    ['PT8H', hoursLater(8)],
    ['P1D', hoursLater(24)],
    ['P1DT2H30M', new Date(START.getTime() + (26 * 60 + 30) * 60_000)],
    ['PT90S', new Date(START.getTime() + 90_000)],
  ])('%s', (duration, end) => {
    expect(endAfter(START, duration)).toEqual(end);
  });

  it('is undefined for what is not a duration', () => {
    expect(endAfter(START, '8 hours')).toBeUndefined();
  });
});

describe('approvalRoutesOf', () => {
  const approver = 'c0000000-0000-4000-8000-000000000011';
  const approval = (approvers: string[]) => [
    {
      ruleIdentifier: 'ApprovalRule',
      setting: JSON.stringify({
        Enabled: true,
        Approvers: approvers.map((Id) => ({ Id })),
      }),
    },
  ];
  const setting = (
    roleDefinitionId: string,
    lists: Partial<Record<RuleListName, RoleSettingRule[]>>,
  ) =>
    ({
      roleDefinitionId,
      adminEligibleSettings: [],
      adminMemberSettings: [],
      userEligibleSettings: [],
      userMemberSettings: [],
      ...lists,
    }) as unknown as RoleSettingEntity;

  it('names, per role, the request types whose governing list’s ApprovalRule names the approver (any case)', () => {
    const routes = approvalRoutesOf(approver, 'Active', [
      setting('role-1', {
        userMemberSettings: approval([approver.toUpperCase()]),
      }),
      setting('role-2', { adminMemberSettings: approval([approver]) }),
      setting('role-3', { userMemberSettings: approval(['someone-else']) }),
      setting('role-4', { userEligibleSettings: approval([approver]) }),
    ]);

    expect(routes).toEqual([
      {
        roleDefinitionId: 'role-1',
        types: ['UserAdd', 'UserRemove', 'UserExtend', 'UserRenew'],
      },
      {
        roleDefinitionId: 'role-2',
        types: [
          'AdminAdd',
          'AdminUpdate',
          'AdminRemove',
          'AdminExtend',
          'AdminRenew',
        ],
      },
    ]);
  });

  it('finds none in settings without an ApprovalRule', () => {
    expect(approvalRoutesOf(approver, 'Eligible', [setting('r', {})])).toEqual(
      [],
    );
  });
});
