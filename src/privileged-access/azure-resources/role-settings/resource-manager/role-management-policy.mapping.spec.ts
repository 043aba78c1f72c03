import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { InvalidRequestContentError } from '../../../../resource-manager/arm-errors.js';
import type { RoleSettingRuleLists } from '../role-setting-audit-event.entity.js';
import { PolicyPropertiesDto } from './dto/patch-role-management-policy.dto.js';
import {
  armRulesOf,
  isoDurationOf,
  policyEditOf,
} from './role-management-policy.mapping.js';

const APPROVER = '2385b0f3-5fa9-43cf-8ca4-b01dc97298cd';

const NO_RULES: RoleSettingRuleLists = {
  adminEligibleSettings: [],
  adminMemberSettings: [],
  userEligibleSettings: [],
  userMemberSettings: [],
};

const rule = (ruleIdentifier: string, setting: object) => ({
  ruleIdentifier,
  setting: JSON.stringify(setting),
});

const target = (caller: string, level: string) => ({
  caller,
  operations: ['All'],
  level,
  targetObjects: null,
  inheritableSettings: null,
  enforcedSettings: null,
});

/** A PATCH body's properties, as the body pipe hands them over. */
const properties = (rules: object[], more: object = {}) =>
  plainToInstance(PolicyPropertiesDto, { rules, ...more });

/** The message of the 400 a call is refused with. */
function refusalOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidRequestContentError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('It was not refused.');
}

const byId = (lists: RoleSettingRuleLists, id: string) =>
  armRulesOf(lists).find((each) => each.id === id);

describe('role management policy rules from a role setting', () => {
  it("answers every rule of Azure's policy, in its order, from an empty setting as a policy that requires nothing", () => {
    const rules = armRulesOf(NO_RULES);

    expect(rules.map(({ id }) => id)).toEqual([
      'Enablement_Admin_Eligibility',
      'Expiration_Admin_Eligibility',
      'Notification_Admin_Admin_Eligibility',
      'Notification_Requestor_Admin_Eligibility',
      'Notification_Approver_Admin_Eligibility',
      'Enablement_Admin_Assignment',
      'Expiration_Admin_Assignment',
      'Notification_Admin_Admin_Assignment',
      'Notification_Requestor_Admin_Assignment',
      'Notification_Approver_Admin_Assignment',
      'Approval_EndUser_Assignment',
      'AuthenticationContext_EndUser_Assignment',
      'Enablement_EndUser_Assignment',
      'Expiration_EndUser_Assignment',
      'Notification_Admin_EndUser_Assignment',
      'Notification_Requestor_EndUser_Assignment',
      'Notification_Approver_EndUser_Assignment',
    ]);
    expect(byId(NO_RULES, 'Expiration_EndUser_Assignment')).toEqual({
      id: 'Expiration_EndUser_Assignment',
      ruleType: 'RoleManagementPolicyExpirationRule',
      target: target('EndUser', 'Assignment'),
      isExpirationRequired: false,
      maximumDuration: null,
    });
    expect(byId(NO_RULES, 'Enablement_Admin_Assignment')).toMatchObject({
      enabledRules: [],
    });
    expect(byId(NO_RULES, 'Notification_Approver_Admin_Eligibility')).toEqual({
      id: 'Notification_Approver_Admin_Eligibility',
      ruleType: 'RoleManagementPolicyNotificationRule',
      target: target('Admin', 'Eligibility'),
      notificationType: 'Email',
      recipientType: 'Approver',
      isDefaultRecipientsEnabled: true,
      notificationLevel: 'All',
      notificationRecipients: [],
    });
  });

  it('reads each rule from the list of its caller and level', () => {
    const lists: RoleSettingRuleLists = {
      ...NO_RULES,
      adminEligibleSettings: [
        rule('ExpirationRule', {
          permanentAssignment: false,
          maximumGrantPeriodInMinutes: 129600,
        }),
      ],
      adminMemberSettings: [
        rule('ExpirationRule', {
          permanentAssignment: true,
          maximumGrantPeriodInMinutes: 90,
        }),
        rule('JustificationRule', { required: true }),
      ],
      userMemberSettings: [
        rule('ExpirationRule', {
          permanentAssignment: false,
          maximumGrantPeriodInMinutes: 480,
        }),
        rule('MfaRule', { mfaRequired: true }),
        rule('JustificationRule', { required: true }),
        rule('ApprovalRule', {
          Enabled: true,
          Approvers: [
            { Id: APPROVER, DisplayName: 'Approvers', Type: 'Group' },
          ],
        }),
      ],
    };

    expect(byId(lists, 'Expiration_Admin_Eligibility')).toMatchObject({
      isExpirationRequired: true,
      maximumDuration: 'P90D',
    });
    expect(byId(lists, 'Expiration_Admin_Assignment')).toMatchObject({
      isExpirationRequired: false,
      maximumDuration: 'PT90M',
    });
    expect(byId(lists, 'Expiration_EndUser_Assignment')).toMatchObject({
      isExpirationRequired: true,
      maximumDuration: 'PT8H',
    });
    expect(byId(lists, 'Enablement_Admin_Assignment')).toMatchObject({
      enabledRules: ['Justification'],
    });
    expect(byId(lists, 'Enablement_EndUser_Assignment')).toMatchObject({
      enabledRules: ['MultiFactorAuthentication', 'Justification'],
    });
    expect(byId(lists, 'Approval_EndUser_Assignment')).toMatchObject({
      setting: {
        isApprovalRequired: true,
        isApprovalRequiredForExtension: true,
        isRequestorJustificationRequired: false,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: false,
            escalationTimeInMinutes: 0,
            primaryApprovers: [
              {
                id: APPROVER,
                description: 'Approvers',
                isBackup: false,
                userType: 'Group',
              },
            ],
            isEscalationEnabled: false,
            escalationApprovers: null,
          },
        ],
      },
    });
  });

  it('writes a duration in days, hours or minutes, whichever is whole', () => {
    expect(isoDurationOf(1440 * 365)).toBe('P365D');
    expect(isoDurationOf(420)).toBe('PT7H');
    expect(isoDurationOf(61)).toBe('PT61M');
  });
});

describe('a role setting changed by the rules of a policy PATCH', () => {
  it('sets the rules the PATCH names, in the list of their target, and leaves every other rule and list as it was', () => {
    const lists: RoleSettingRuleLists = {
      ...NO_RULES,
      adminEligibleSettings: [rule('MfaRule', { mfaRequired: false })],
      userEligibleSettings: [rule('JustificationRule', { required: true })],
      userMemberSettings: [
        rule('ExpirationRule', {
          permanentAssignment: false,
          maximumGrantPeriodInMinutes: 480,
        }),
        rule('MfaRule', { mfaRequired: true }),
      ],
    };
    const edit = policyEditOf(
      properties([
        {
          id: 'Expiration_EndUser_Assignment',
          ruleType: 'RoleManagementPolicyExpirationRule',
          target: target('EndUser', 'Assignment'),
          isExpirationRequired: true,
          maximumDuration: 'PT2H',
        },
        {
          id: 'Enablement_EndUser_Assignment',
          ruleType: 'RoleManagementPolicyEnablementRule',
          enabledRules: ['Justification'],
        },
      ]),
    );

    expect(edit(lists)).toEqual({
      userMemberSettings: [
        rule('ExpirationRule', {
          permanentAssignment: false,
          maximumGrantPeriodInMinutes: 120,
        }),
        rule('MfaRule', { mfaRequired: false }),
        rule('JustificationRule', { required: true }),
      ],
    });
  });

  it('sends back what it reads without a change: a policy read and PATCHed as it is changes no rule', () => {
    const lists: RoleSettingRuleLists = {
      ...NO_RULES,
      adminMemberSettings: [
        rule('ExpirationRule', {
          maximumGrantPeriodInMinutes: 90,
          permanentAssignment: true,
        }),
      ],
      userMemberSettings: [
        rule('ApprovalRule', {
          Enabled: true,
          Approvers: [{ Id: APPROVER, Email: 'approver@contoso.example' }],
        }),
      ],
    };

    const edit = policyEditOf(properties(armRulesOf(lists)));

    expect(edit(lists)).toEqual({
      adminEligibleSettings: [],
      adminMemberSettings: lists.adminMemberSettings,
      userMemberSettings: lists.userMemberSettings,
    });
  });

  it('turns approval on with its approvers, keeping what ARM cannot say of one already stored (its email)', () => {
    const lists: RoleSettingRuleLists = {
      ...NO_RULES,
      userMemberSettings: [
        rule('ApprovalRule', {
          Enabled: false,
          Approvers: [{ Id: APPROVER, Email: 'approver@contoso.example' }],
        }),
      ],
    };
    const edit = policyEditOf(
      properties([
        {
          id: 'Approval_EndUser_Assignment',
          ruleType: 'RoleManagementPolicyApprovalRule',
          setting: {
            isApprovalRequired: true,
            approvalStages: [
              {
                primaryApprovers: [
                  { id: APPROVER.toUpperCase(), userType: 'User' },
                ],
              },
            ],
          },
        },
      ]),
    );

    expect(edit(lists).userMemberSettings).toEqual([
      rule('ApprovalRule', {
        Enabled: true,
        Approvers: [
          { Id: APPROVER, Type: 'User', Email: 'approver@contoso.example' },
        ],
      }),
    ]);
  });

  it('drops the expiration rule when no expiration is required and no maximum is given', () => {
    const lists: RoleSettingRuleLists = {
      ...NO_RULES,
      adminEligibleSettings: [
        rule('ExpirationRule', {
          permanentAssignment: false,
          maximumGrantPeriodInMinutes: 60,
        }),
      ],
    };
    const edit = policyEditOf(
      properties([
        {
          id: 'expiration_admin_eligibility',
          ruleType: 'RoleManagementPolicyExpirationRule',
          isExpirationRequired: false,
          maximumDuration: null,
        },
      ]),
    );

    expect(edit(lists)).toEqual({ adminEligibleSettings: [] });
  });

  it('refuses, naming each problem, what it cannot store or does not know', () => {
    const attempt = () =>
      policyEditOf(
        properties(
          [
            {
              id: 'Expiration_EndUser_Eligibility',
              ruleType: 'RoleManagementPolicyExpirationRule',
              isExpirationRequired: true,
              maximumDuration: 'PT8H',
            },
            {
              id: 'Enablement_EndUser_Assignment',
              ruleType: 'RoleManagementPolicyEnablementRule',
              target: target('Admin', 'Assignment'),
              enabledRules: ['Ticketing'],
            },
            {
              id: 'Expiration_Admin_Assignment',
              ruleType: 'RoleManagementPolicyExpirationRule',
              isExpirationRequired: true,
              maximumDuration: 'PT30S',
            },
            {
              id: 'Expiration_Admin_Eligibility',
              ruleType: 'RoleManagementPolicyEnablementRule',
              enabledRules: [],
            },
            {
              id: 'Notification_Admin_Admin_Assignment',
              ruleType: 'RoleManagementPolicyNotificationRule',
              notificationRecipients: ['admin@contoso.example'],
            },
            {
              id: 'AuthenticationContext_EndUser_Assignment',
              ruleType: 'RoleManagementPolicyAuthenticationContextRule',
              isEnabled: true,
              claimValue: 'c1',
            },
            {
              id: 'Approval_EndUser_Assignment',
              ruleType: 'RoleManagementPolicyApprovalRule',
              setting: {
                isApprovalRequired: true,
                approvalMode: 'Serial',
                approvalStages: [{ primaryApprovers: [] }, {}],
              },
            },
          ],
          { displayName: 'Owner policy' },
        ),
      );

    const message = refusalOf(attempt);
    for (const problem of [
      'properties.displayName: the service does not store it: only null (what it answers) is accepted',
      "properties.rules[0].id: 'Expiration_EndUser_Eligibility' is not a rule of a role management policy",
      'properties.rules[1].target.caller: the rule',
      "properties.rules[1].enabledRules: 'Ticketing' cannot be required",
      "properties.rules[2].maximumDuration: 'PT30S' is not a whole number of minutes",
      'properties.rules[3].ruleType: the rule',
      'properties.rules[4].notificationRecipients: the service does not store it',
      'properties.rules[5].isEnabled: the service does not store it',
      'properties.rules[5].claimValue: the service does not store it',
      'properties.rules[6].setting.approvalMode: the service does not store it: only "SingleStage"',
      'properties.rules[6].setting.approvalStages: the service approves in a single stage',
    ]) {
      expect(message).toContain(problem);
    }
  });

  it('refuses a rule named twice', () => {
    const enablement = {
      id: 'Enablement_Admin_Assignment',
      ruleType: 'RoleManagementPolicyEnablementRule',
      enabledRules: [],
    };

    expect(() => policyEditOf(properties([enablement, enablement]))).toThrow(
      "properties.rules[1].id: 'Enablement_Admin_Assignment' appears twice",
    );
  });
});
