import { durationMilliseconds } from '../../../../clock/iso-duration.js';
import { InvalidRequestContentError } from '../../../../resource-manager/arm-errors.js';
import type { RoleSettingRuleLists } from '../role-setting-audit-event.entity.js';
import type { RoleSettingRule } from '../role-setting.entity.js';
import type { RoleSettingUpdate } from '../role-setting-rules.js';
import type { RuleListName } from '../role-settings.repository.js';
import type {
  ApprovalRuleDto,
  ApprovalSettingsDto,
  AuthenticationContextRuleDto,
  EnablementRuleDto,
  ExpirationRuleDto,
  NotificationRuleDto,
  PolicyPropertiesDto,
  RuleTargetDto,
  RuleType,
} from './dto/patch-role-management-policy.dto.js';

/**
 * A role management policy's rules and a stored role setting's rule lists, both ways
 * (docs/resource-manager.md, the policies' mapping table). ARM's rules are the ones of the
 * policy Azure gives every role, named by `{kind}_{caller}_{level}`; a caller and a level name one
 * of the setting's lists:
 *
 * Admin and Eligibility: adminEligibleSettings; Admin and Assignment: adminMemberSettings;
 * EndUser and Assignment: userMemberSettings.
 * ARM's policy has no rule for an end user's eligibility: userEligibleSettings is Graph's only.
 * Expiration ↔ ExpirationRule, enablement ↔ MfaRule and JustificationRule, approval ↔
 * ApprovalRule. The other rules (notifications, authentication context) and the parts of the
 * approval rule that no stored rule holds are answered as a default policy has them, and a
 * PATCH may send them only so: anything else is refused rather than silently dropped.
 */

type Caller = 'Admin' | 'EndUser';
type Level = 'Eligibility' | 'Assignment';
type Recipient = 'Admin' | 'Requestor' | 'Approver';

export interface ArmRuleTarget {
  caller: Caller;
  operations: string[];
  level: Level;
  targetObjects: null;
  inheritableSettings: null;
  enforcedSettings: null;
}

interface ArmRuleBase {
  id: string;
  ruleType: RuleType;
  target: ArmRuleTarget;
}

export interface ArmUserSet {
  id: string;
  description: string | null;
  isBackup: boolean;
  userType: 'User' | 'Group';
}

export interface ArmApprovalSettings {
  isApprovalRequired: boolean;
  isApprovalRequiredForExtension: boolean;
  isRequestorJustificationRequired: boolean;
  approvalMode: 'SingleStage';
  approvalStages: {
    approvalStageTimeOutInDays: number;
    isApproverJustificationRequired: boolean;
    escalationTimeInMinutes: number;
    primaryApprovers: ArmUserSet[];
    isEscalationEnabled: boolean;
    escalationApprovers: null;
  }[];
}

/** A rule of a policy, in Resource Manager's JSON. */
export type ArmPolicyRule = ArmRuleBase &
  (
    | { isExpirationRequired: boolean; maximumDuration: string | null }
    | { enabledRules: ('MultiFactorAuthentication' | 'Justification')[] }
    | { setting: ArmApprovalSettings }
    | { isEnabled: boolean; claimValue: string }
    | {
        notificationType: 'Email';
        recipientType: Recipient;
        isDefaultRecipientsEnabled: boolean;
        notificationLevel: 'All';
        notificationRecipients: string[];
      }
  );

type Kind =
  | 'Enablement'
  | 'Expiration'
  | 'Approval'
  | 'AuthenticationContext'
  | 'Notification';

const RULE_TYPE_OF: Record<Kind, RuleType> = {
  Enablement: 'RoleManagementPolicyEnablementRule',
  Expiration: 'RoleManagementPolicyExpirationRule',
  Approval: 'RoleManagementPolicyApprovalRule',
  AuthenticationContext: 'RoleManagementPolicyAuthenticationContextRule',
  Notification: 'RoleManagementPolicyNotificationRule',
};

/** The lists ARM's rules are of, by the caller and level they target. */
type PolicyList = Exclude<RuleListName, 'userEligibleSettings'>;
const TARGET_OF: Record<PolicyList, { caller: Caller; level: Level }> = {
  adminEligibleSettings: { caller: 'Admin', level: 'Eligibility' },
  adminMemberSettings: { caller: 'Admin', level: 'Assignment' },
  userMemberSettings: { caller: 'EndUser', level: 'Assignment' },
};

interface PolicyRuleSlot {
  readonly id: string;
  readonly kind: Kind;
  readonly list: PolicyList;
  readonly caller: Caller;
  readonly level: Level;
  readonly recipient?: Recipient;
}

const RECIPIENTS: readonly Recipient[] = ['Admin', 'Requestor', 'Approver'];

function slot(kind: Kind, list: PolicyList): PolicyRuleSlot {
  const { caller, level } = TARGET_OF[list];
  return { id: `${kind}_${caller}_${level}`, kind, list, caller, level };
}

function notifications(list: PolicyList): PolicyRuleSlot[] {
  const { caller, level } = TARGET_OF[list];
  return RECIPIENTS.map((recipient) => ({
    id: `Notification_${recipient}_${caller}_${level}`,
    kind: 'Notification',
    list,
    caller,
    level,
    recipient,
  }));
}

/** The rules of a policy, in the order Azure answers them. */
const POLICY_RULES: readonly PolicyRuleSlot[] = [
  slot('Enablement', 'adminEligibleSettings'),
  slot('Expiration', 'adminEligibleSettings'),
  ...notifications('adminEligibleSettings'),
  slot('Enablement', 'adminMemberSettings'),
  slot('Expiration', 'adminMemberSettings'),
  ...notifications('adminMemberSettings'),
  slot('Approval', 'userMemberSettings'),
  slot('AuthenticationContext', 'userMemberSettings'),
  slot('Enablement', 'userMemberSettings'),
  slot('Expiration', 'userMemberSettings'),
  ...notifications('userMemberSettings'),
];

const SLOT_BY_ID = new Map(
  POLICY_RULES.map((rule) => [rule.id.toLowerCase(), rule]),
);

// What the rules no stored rule holds are answered with: a default policy's values, and for the
// approval rule's fixed parts what the service does (docs/resource-manager.md).
const AUTHENTICATION_CONTEXT = { isEnabled: false, claimValue: '' } as const;
const NOTIFICATION = {
  notificationType: 'Email',
  isDefaultRecipientsEnabled: true,
  notificationLevel: 'All',
} as const;
const APPROVAL_STAGE = {
  approvalStageTimeOutInDays: 1,
  isApproverJustificationRequired: false,
  escalationTimeInMinutes: 0,
  isEscalationEnabled: false,
  escalationApprovers: null,
} as const;
const APPROVAL_MODE = 'SingleStage';

// --- From the stored rule lists to ARM's rules ---------------------------------------------

/** The setting's rules as a policy's: every rule of ARM's policy, from the lists that hold them. */
export function armRulesOf(lists: RoleSettingRuleLists): ArmPolicyRule[] {
  return POLICY_RULES.map((rule) => armRuleOf(rule, lists));
}

function armRuleOf(
  rule: PolicyRuleSlot,
  lists: RoleSettingRuleLists,
): ArmPolicyRule {
  const base: ArmRuleBase = {
    id: rule.id,
    ruleType: RULE_TYPE_OF[rule.kind],
    target: {
      caller: rule.caller,
      operations: ['All'],
      level: rule.level,
      targetObjects: null,
      inheritableSettings: null,
      enforcedSettings: null,
    },
  };
  switch (rule.kind) {
    case 'Expiration':
      return { ...base, ...expirationOf(lists[rule.list]) };
    case 'Enablement':
      return { ...base, enabledRules: enabledRulesOf(lists[rule.list]) };
    case 'Approval':
      return { ...base, setting: approvalOf(lists[rule.list]) };
    case 'AuthenticationContext':
      return { ...base, ...AUTHENTICATION_CONTEXT };
    case 'Notification':
      return {
        ...base,
        ...NOTIFICATION,
        recipientType: rule.recipient ?? 'Admin',
        // A default policy names no recipient of its own.
        notificationRecipients: [],
      };
  }
}

function settingOf(
  rules: readonly RoleSettingRule[],
  ruleIdentifier: string,
): Record<string, unknown> | undefined {
  const rule = rules.find((each) => each.ruleIdentifier === ruleIdentifier);
  if (!rule) {
    return undefined;
  }
  const parsed: unknown = JSON.parse(rule.setting);
  return typeof parsed === 'object' && parsed !== null
    ? (parsed as Record<string, unknown>)
    : {};
}

/** Without an ExpirationRule, a grant may be of any length and permanent. */
function expirationOf(rules: readonly RoleSettingRule[]): {
  isExpirationRequired: boolean;
  maximumDuration: string | null;
} {
  const setting = settingOf(rules, 'ExpirationRule');
  const minutes = setting?.maximumGrantPeriodInMinutes;
  return {
    isExpirationRequired:
      setting !== undefined && setting.permanentAssignment !== true,
    maximumDuration:
      typeof minutes === 'number' ? isoDurationOf(minutes) : null,
  };
}

function enabledRulesOf(
  rules: readonly RoleSettingRule[],
): ('MultiFactorAuthentication' | 'Justification')[] {
  return [
    ...(settingOf(rules, 'MfaRule')?.mfaRequired === true
      ? (['MultiFactorAuthentication'] as const)
      : []),
    ...(settingOf(rules, 'JustificationRule')?.required === true
      ? (['Justification'] as const)
      : []),
  ];
}

interface StoredApprover {
  Id: string;
  DisplayName?: string;
  Type?: 'User' | 'Group';
  Email?: string;
}

function approversOf(setting: Record<string, unknown> | undefined) {
  return Array.isArray(setting?.Approvers)
    ? (setting.Approvers as StoredApprover[])
    : [];
}

function approvalOf(rules: readonly RoleSettingRule[]): ArmApprovalSettings {
  const setting = settingOf(rules, 'ApprovalRule');
  const required = setting?.Enabled === true;
  return {
    isApprovalRequired: required,
    // The rule governs every request of its list, extensions included.
    isApprovalRequiredForExtension: required,
    isRequestorJustificationRequired: false,
    approvalMode: APPROVAL_MODE,
    approvalStages: [
      {
        ...APPROVAL_STAGE,
        primaryApprovers: approversOf(setting).map((approver) => ({
          id: approver.Id,
          description: approver.DisplayName ?? null,
          isBackup: false,
          userType: approver.Type ?? 'User',
        })),
      },
    ],
  };
}

/** A number of minutes as the ISO 8601 duration ARM writes: in days, hours or minutes. */
export function isoDurationOf(minutes: number): string {
  if (minutes % 1440 === 0) {
    return `P${minutes / 1440}D`;
  }
  if (minutes % 60 === 0) {
    return `PT${minutes / 60}H`;
  }
  return `PT${minutes}M`;
}

// --- From ARM's rules to a change of the stored rule lists ---------------------------------

/** What a PATCH asks of one stored rule list, per rule. */
interface ListIntent {
  /** Null: no expiration rule (a grant of any length, permanent ones too). */
  expiration?: { permanent: boolean; maximumMinutes: number } | null;
  mfaRequired?: boolean;
  justificationRequired?: boolean;
  approval?: { required: boolean; approvers: ArmApprover[] };
}

interface ArmApprover {
  id: string;
  description: string | null;
  userType: 'User' | 'Group';
}

/**
 * The change a PATCH's rules make to a setting's rule lists, applied to the lists as they are
 * when the change is made (RoleSettingsService.edit): a rule the PATCH names is set as it says,
 * a stored rule already so is kept as it is (its other fields too), and the rules and lists it
 * does not name stay. Refuses the whole PATCH, naming every problem, when a rule is unknown,
 * repeated, aimed at another target, or asks for what the service cannot store.
 */
export function policyEditOf(
  properties: PolicyPropertiesDto,
): (current: RoleSettingRuleLists) => RoleSettingUpdate {
  const problems: string[] = fixedProblems('properties', {
    displayName: [properties.displayName, null],
    description: [properties.description, null],
  });
  const { rules } = properties;
  const intents = new Map<RuleListName, ListIntent>();
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const place = `properties.rules[${index}]`;
    const known = SLOT_BY_ID.get(rule.id.toLowerCase());
    if (!known) {
      problems.push(
        `${place}.id: '${rule.id}' is not a rule of a role management policy (${POLICY_RULES.map(({ id }) => id).join(', ')})`,
      );
      return;
    }
    if (seen.has(known.id)) {
      problems.push(`${place}.id: '${rule.id}' appears twice`);
      return;
    }
    seen.add(known.id);
    if (rule.ruleType !== RULE_TYPE_OF[known.kind]) {
      problems.push(
        `${place}.ruleType: the rule '${known.id}' is a ${RULE_TYPE_OF[known.kind]}`,
      );
      return;
    }
    problems.push(...targetProblems(`${place}.target`, rule.target, known));
    const intent = (list: RuleListName) => {
      const found = intents.get(list) ?? {};
      intents.set(list, found);
      return found;
    };
    switch (known.kind) {
      case 'Expiration': {
        const asked = expirationAsked(place, rule as ExpirationRuleDto);
        if (typeof asked === 'string') {
          problems.push(asked);
        } else {
          intent(known.list).expiration = asked;
        }
        break;
      }
      case 'Enablement': {
        const { enabledRules } = rule as EnablementRuleDto;
        if (enabledRules.includes('Ticketing')) {
          problems.push(
            `${place}.enabledRules: 'Ticketing' cannot be required: the service stores no ticket rule`,
          );
        }
        Object.assign(intent(known.list), {
          mfaRequired: enabledRules.includes('MultiFactorAuthentication'),
          justificationRequired: enabledRules.includes('Justification'),
        });
        break;
      }
      case 'Approval': {
        const { setting } = rule as ApprovalRuleDto;
        const settingProblems = approvalProblems(`${place}.setting`, setting);
        problems.push(...settingProblems);
        intent(known.list).approval = {
          required: setting.isApprovalRequired,
          approvers: (setting.approvalStages?.[0]?.primaryApprovers ?? []).map(
            (approver) => ({
              id: approver.id.toLowerCase(),
              description: approver.description ?? null,
              userType: approver.userType ?? 'User',
            }),
          ),
        };
        break;
      }
      case 'AuthenticationContext': {
        const given = rule as AuthenticationContextRuleDto;
        problems.push(
          ...fixedProblems(place, {
            isEnabled: [given.isEnabled, AUTHENTICATION_CONTEXT.isEnabled],
            claimValue: [given.claimValue, AUTHENTICATION_CONTEXT.claimValue],
          }),
        );
        break;
      }
      case 'Notification': {
        const given = rule as NotificationRuleDto;
        problems.push(
          ...fixedProblems(place, {
            notificationType: [
              given.notificationType,
              NOTIFICATION.notificationType,
            ],
            recipientType: [given.recipientType, known.recipient],
            isDefaultRecipientsEnabled: [
              given.isDefaultRecipientsEnabled,
              NOTIFICATION.isDefaultRecipientsEnabled,
            ],
            notificationLevel: [
              given.notificationLevel,
              NOTIFICATION.notificationLevel,
            ],
          }),
          ...emptyProblems(place, {
            notificationRecipients: given.notificationRecipients,
          }),
        );
        break;
      }
    }
  });
  if (problems.length > 0) {
    throw new InvalidRequestContentError(
      `The role management policy is not valid: ${problems.join('; ')}.`,
    );
  }
  return (current) => {
    const update: Partial<Record<RuleListName, RoleSettingRule[]>> = {};
    for (const [list, intent] of intents) {
      update[list] = applied(current[list], intent);
    }
    return update;
  };
}

function targetProblems(
  place: string,
  target: RuleTargetDto | null | undefined,
  known: PolicyRuleSlot,
): string[] {
  if (!target) {
    return [];
  }
  const problems: string[] = [];
  if (isGiven(target.caller) && target.caller !== known.caller) {
    problems.push(
      `${place}.caller: the rule '${known.id}' is for ${known.caller}`,
    );
  }
  if (isGiven(target.level) && target.level !== known.level) {
    problems.push(
      `${place}.level: the rule '${known.id}' is for ${known.level}`,
    );
  }
  if (
    isGiven(target.operations) &&
    (target.operations.length !== 1 || target.operations[0] !== 'All')
  ) {
    problems.push(
      `${place}.operations: the service applies a rule to every operation: only ["All"] is accepted`,
    );
  }
  return [
    ...problems,
    ...emptyProblems(place, {
      targetObjects: target.targetObjects,
      inheritableSettings: target.inheritableSettings,
      enforcedSettings: target.enforcedSettings,
    }),
  ];
}

function expirationAsked(
  place: string,
  rule: ExpirationRuleDto,
): ListIntent['expiration'] | string {
  const problems = emptyProblems(place, {
    exceptionMembers: rule.exceptionMembers,
  });
  if (problems.length > 0) {
    return problems.join('; ');
  }
  if (!isGiven(rule.maximumDuration)) {
    return rule.isExpirationRequired
      ? `${place}.maximumDuration: an expiration that is required needs a maximum duration`
      : null;
  }
  const minutes = (durationMilliseconds(rule.maximumDuration) ?? 0) / 60_000;
  if (!Number.isSafeInteger(minutes) || minutes < 1) {
    return `${place}.maximumDuration: '${rule.maximumDuration}' is not a whole number of minutes, at least PT1M`;
  }
  return { permanent: !rule.isExpirationRequired, maximumMinutes: minutes };
}

function approvalProblems(
  place: string,
  setting: ApprovalSettingsDto,
): string[] {
  const stages = setting.approvalStages ?? [];
  const problems = [
    ...fixedProblems(place, {
      isApprovalRequiredForExtension: [
        setting.isApprovalRequiredForExtension,
        setting.isApprovalRequired,
      ],
      isRequestorJustificationRequired: [
        setting.isRequestorJustificationRequired,
        false,
      ],
      approvalMode: [setting.approvalMode, APPROVAL_MODE],
    }),
  ];
  if (stages.length > 1) {
    problems.push(
      `${place}.approvalStages: the service approves in a single stage: at most one is accepted`,
    );
  }
  stages.slice(0, 1).forEach((stage) => {
    const stagePlace = `${place}.approvalStages[0]`;
    problems.push(
      ...fixedProblems(stagePlace, {
        approvalStageTimeOutInDays: [
          stage.approvalStageTimeOutInDays,
          APPROVAL_STAGE.approvalStageTimeOutInDays,
        ],
        isApproverJustificationRequired: [
          stage.isApproverJustificationRequired,
          APPROVAL_STAGE.isApproverJustificationRequired,
        ],
        escalationTimeInMinutes: [
          stage.escalationTimeInMinutes,
          APPROVAL_STAGE.escalationTimeInMinutes,
        ],
        isEscalationEnabled: [
          stage.isEscalationEnabled,
          APPROVAL_STAGE.isEscalationEnabled,
        ],
      }),
      ...emptyProblems(stagePlace, {
        escalationApprovers: stage.escalationApprovers,
      }),
    );
    (stage.primaryApprovers ?? []).forEach((approver, index) => {
      if (approver.isBackup === true) {
        problems.push(
          `${stagePlace}.primaryApprovers[${index}].isBackup: the service has no backup approvers: only false is accepted`,
        );
      }
    });
  });
  return problems;
}

/** Whether a body sent a value: ARM's clients send null for what they leave out. */
function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/**
 * The values a PATCH may send only as the service answers them (no stored rule holds them):
 * each given one, when not the answered one, is a problem.
 */
function fixedProblems(
  place: string,
  values: Record<string, [given: unknown, answered: unknown]>,
): string[] {
  return Object.entries(values)
    .filter(([, [given, answered]]) => isGiven(given) && given !== answered)
    .map(
      ([name, [, answered]]) =>
        `${place}.${name}: the service does not store it: only ${JSON.stringify(answered)} (what it answers) is accepted`,
    );
}

/** Lists the service does not store: accepted only empty or null. */
function emptyProblems(
  place: string,
  values: Record<string, readonly unknown[] | null | undefined>,
): string[] {
  return Object.entries(values)
    .filter(([, given]) => isGiven(given) && given.length > 0)
    .map(
      ([name]) =>
        `${place}.${name}: the service does not store it: only an empty list or null is accepted`,
    );
}

/** A rule list with the rules `intent` names set as it says, each of the others as it was. */
function applied(
  rules: readonly RoleSettingRule[],
  intent: ListIntent,
): RoleSettingRule[] {
  let result = [...rules];
  const set = (ruleIdentifier: string, setting: object | undefined) => {
    const at = result.findIndex(
      (rule) => rule.ruleIdentifier === ruleIdentifier,
    );
    if (setting === undefined) {
      result = result.filter((_rule, index) => index !== at);
    } else if (at === -1) {
      result.push({ ruleIdentifier, setting: JSON.stringify(setting) });
    } else {
      result[at] = { ruleIdentifier, setting: JSON.stringify(setting) };
    }
  };
  const current = (ruleIdentifier: string) => settingOf(result, ruleIdentifier);

  if (intent.expiration !== undefined) {
    const stored = expirationOf(result);
    const asked = intent.expiration;
    if (asked === null) {
      if (stored.isExpirationRequired || stored.maximumDuration !== null) {
        set('ExpirationRule', undefined);
      }
    } else if (
      current('ExpirationRule')?.permanentAssignment !== asked.permanent ||
      current('ExpirationRule')?.maximumGrantPeriodInMinutes !==
        asked.maximumMinutes
    ) {
      set('ExpirationRule', {
        permanentAssignment: asked.permanent,
        maximumGrantPeriodInMinutes: asked.maximumMinutes,
      });
    }
  }
  if (
    intent.mfaRequired !== undefined &&
    (current('MfaRule')?.mfaRequired === true) !== intent.mfaRequired
  ) {
    set('MfaRule', { mfaRequired: intent.mfaRequired });
  }
  if (
    intent.justificationRequired !== undefined &&
    (current('JustificationRule')?.required === true) !==
      intent.justificationRequired
  ) {
    set('JustificationRule', { required: intent.justificationRequired });
  }
  if (intent.approval !== undefined) {
    const stored = current('ApprovalRule');
    const storedApprovers = approversOf(stored);
    const approvers = intent.approval.approvers.map((approver) => {
      const kept = storedApprovers.find(
        (each) => each.Id.toLowerCase() === approver.id,
      );
      // Email has no place in ARM's shape: a stored approver keeps it.
      return {
        Id: approver.id,
        ...(approver.description !== null && {
          DisplayName: approver.description,
        }),
        Type: approver.userType,
        ...(kept?.Email !== undefined && { Email: kept.Email }),
      };
    });
    const unchanged =
      (stored?.Enabled === true) === intent.approval.required &&
      JSON.stringify(approversOf(stored).map(comparable)) ===
        JSON.stringify(approvers.map(comparable));
    if (
      !unchanged &&
      (stored !== undefined || intent.approval.required || approvers.length > 0)
    ) {
      set('ApprovalRule', {
        Enabled: intent.approval.required,
        Approvers: approvers,
      });
    }
  }
  return result;
}

/** What of a stored approver ARM's shape says. */
function comparable(approver: StoredApprover) {
  return [
    approver.Id.toLowerCase(),
    approver.DisplayName ?? null,
    approver.Type ?? 'User',
  ];
}
