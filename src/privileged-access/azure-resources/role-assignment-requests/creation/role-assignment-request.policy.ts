import { durationMilliseconds } from '../../../../clock/iso-duration.js';
import type { RoleSettingRule } from '../../role-settings/role-setting.entity.js';
import type { StatusDetail } from '../role-assignment-request.entity.js';
import {
  type AssignmentState,
  REQUEST_TYPES,
  type RequestType,
} from '../role-assignment-request.model.js';
import type { RoleSettingEntity } from '../../role-settings/role-setting.entity.js';

/** Which of a role setting's rule lists governs a request: by who asks and for which state. */
export type RuleListName =
  | 'adminEligibleSettings'
  | 'adminMemberSettings'
  | 'userEligibleSettings'
  | 'userMemberSettings';

export function ruleListFor(
  type: RequestType,
  assignmentState: AssignmentState,
): RuleListName {
  const who = type.startsWith('Admin') ? 'admin' : 'user';
  const state = assignmentState === 'Eligible' ? 'Eligible' : 'Member';
  return `${who}${state}Settings`;
}

/** The ids of the approvers the ApprovalRule among `rules` names; none without one. */
export function approversNamedIn(rules: readonly RoleSettingRule[]): string[] {
  const rule = rules.find(
    (candidate) => candidate.ruleIdentifier === 'ApprovalRule',
  );
  if (!rule) {
    return [];
  }
  const { Approvers = [] } = JSON.parse(rule.setting) as {
    Approvers?: { Id: string }[];
  };
  return Approvers.map((approver) => approver.Id.toLowerCase());
}

/** A role whose requests of some types wait for one approver's decision. */
export interface ApprovalRoute {
  readonly roleDefinitionId: string;
  readonly types: readonly RequestType[];
}

/**
 * Where the approver decides, among `settings`: for each role, the request types of that
 * assignment state whose governing rule list's ApprovalRule names them.
 */
export function approvalRoutesOf(
  approverId: string,
  assignmentState: AssignmentState,
  settings: readonly RoleSettingEntity[],
): ApprovalRoute[] {
  return settings.flatMap((setting) => {
    const types = REQUEST_TYPES.filter((type) =>
      approversNamedIn(setting[ruleListFor(type, assignmentState)]).includes(
        approverId,
      ),
    );
    return types.length > 0
      ? [{ roleDefinitionId: setting.roleDefinitionId, types }]
      : [];
  });
}

/** What a request asks for, as the rules see it. */
export interface PolicyInput {
  readonly reason: string | null;
  /**
   * Whether the caller signed in with a second factor; applications cannot, and MfaRule does not
   * apply to them (undefined).
   */
  readonly multiFactorAuthenticated?: boolean;
  /** Undefined for a request without a schedule (removals). */
  readonly grant?: {
    readonly start: Date;
    /** Null: permanent. */
    readonly end: Date | null;
  };
}

export interface PolicyOutcome {
  /** The rules the request breaks: it is then refused. */
  readonly failedRules: string[];
  /** Each rule evaluated, for the request's `statusDetails`. */
  readonly statusDetails: StatusDetail[];
  readonly approvalRequired: boolean;
}

/**
 * Evaluates a request against its role's rules: ExpirationRule (a permanent grant, or one
 * longer than maximumGrantPeriodInMinutes), JustificationRule (a reason), MfaRule (a user
 * whose token's `amr` holds `mfa`) and ApprovalRule.
 */
export function evaluatePolicy(
  rules: readonly RoleSettingRule[],
  input: PolicyInput,
): PolicyOutcome {
  const failedRules: string[] = [];
  const statusDetails: StatusDetail[] = [];
  let approvalRequired = false;
  for (const rule of rules) {
    const setting = JSON.parse(rule.setting) as Record<string, unknown>;
    switch (rule.ruleIdentifier) {
      case 'ExpirationRule':
        if (input.grant && !withinExpiration(setting, input.grant)) {
          failedRules.push(rule.ruleIdentifier);
        } else {
          statusDetails.push({ key: rule.ruleIdentifier, value: 'Grant' });
        }
        break;
      case 'JustificationRule':
        if (setting.required === true && !input.reason?.trim()) {
          failedRules.push(rule.ruleIdentifier);
        } else {
          statusDetails.push({ key: rule.ruleIdentifier, value: 'Grant' });
        }
        break;
      case 'MfaRule':
        if (
          setting.mfaRequired === true &&
          input.multiFactorAuthenticated === false
        ) {
          failedRules.push(rule.ruleIdentifier);
        } else {
          statusDetails.push({ key: rule.ruleIdentifier, value: 'Grant' });
        }
        break;
      case 'ApprovalRule':
        approvalRequired = setting.Enabled === true;
        statusDetails.push({
          key: rule.ruleIdentifier,
          value: approvalRequired ? 'Pending' : 'Grant',
        });
        break;
      default:
        break;
    }
  }
  return { failedRules, statusDetails, approvalRequired };
}

function withinExpiration(
  setting: Record<string, unknown>,
  grant: NonNullable<PolicyInput['grant']>,
): boolean {
  if (grant.end === null) {
    return setting.permanentAssignment === true;
  }
  const maximum = setting.maximumGrantPeriodInMinutes;
  const minutes = (grant.end.getTime() - grant.start.getTime()) / 60_000;
  return typeof maximum !== 'number' || minutes <= maximum;
}

/** The end of a grant of an ISO 8601 duration (years of 365 days, months of 30). */
export function endAfter(start: Date, duration: string): Date | undefined {
  const milliseconds = durationMilliseconds(duration);
  return milliseconds === undefined
    ? undefined
    : new Date(start.getTime() + milliseconds);
}
