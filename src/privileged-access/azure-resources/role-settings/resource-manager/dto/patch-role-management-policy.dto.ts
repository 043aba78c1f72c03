import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDuration } from '../../../../../clock/iso-duration.js';
import { GUID_PATTERN } from '../../../../../values/guid.js';

// The shapes of a `PATCH …/roleManagementPolicies/{name}` body, as the 2020-10-01 spec declares
// them (RoleManagementPolicy.json); what a value means, and which values the service can keep,
// is role-management-policy.mapping.ts's to say.

export const RULE_TYPES = [
  'RoleManagementPolicyApprovalRule',
  'RoleManagementPolicyAuthenticationContextRule',
  'RoleManagementPolicyEnablementRule',
  'RoleManagementPolicyExpirationRule',
  'RoleManagementPolicyNotificationRule',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const ENABLEMENT_RULES = [
  'MultiFactorAuthentication',
  'Justification',
  'Ticketing',
] as const;

/** Rules a policy has at most: ARM's default policy has 17. */
const MAX_RULES = 64;
const MAX_LIST = 256;

export class RuleTargetDto {
  @IsOptional()
  @IsIn(['Admin', 'EndUser'])
  caller?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  operations?: string[] | null;

  @IsOptional()
  @IsIn(['Eligibility', 'Assignment'])
  level?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  targetObjects?: string[] | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  inheritableSettings?: string[] | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  enforcedSettings?: string[] | null;
}

/** A rule of any type: its `id` names it, its `ruleType` says which of the classes below it is. */
export class PolicyRuleDto {
  @IsString()
  @MaxLength(128)
  id: string;

  @IsIn(RULE_TYPES)
  ruleType: RuleType;

  @IsOptional()
  @ValidateNested()
  @Type(() => RuleTargetDto)
  target?: RuleTargetDto | null;
}

export class ExpirationRuleDto extends PolicyRuleDto {
  declare ruleType: 'RoleManagementPolicyExpirationRule';

  @IsBoolean()
  isExpirationRequired: boolean;

  @IsOptional()
  @IsIsoDuration()
  @MaxLength(64)
  maximumDuration?: string | null;

  /** Not in the 2020-10-01 spec, but in its PATCH example (as null). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  exceptionMembers?: unknown[] | null;
}

export class EnablementRuleDto extends PolicyRuleDto {
  declare ruleType: 'RoleManagementPolicyEnablementRule';

  @IsArray()
  @ArrayMaxSize(ENABLEMENT_RULES.length)
  @IsIn(ENABLEMENT_RULES, { each: true })
  enabledRules: (typeof ENABLEMENT_RULES)[number][];
}

export class UserSetDto {
  @IsOptional()
  @IsIn(['User', 'Group'])
  userType?: 'User' | 'Group' | null;

  @IsOptional()
  @IsBoolean()
  isBackup?: boolean | null;

  @Matches(GUID_PATTERN, { message: '$property must be a GUID' })
  id: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  description?: string | null;
}

export class ApprovalStageDto {
  @IsOptional()
  @IsInt()
  approvalStageTimeOutInDays?: number | null;

  @IsOptional()
  @IsBoolean()
  isApproverJustificationRequired?: boolean | null;

  @IsOptional()
  @IsInt()
  escalationTimeInMinutes?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => UserSetDto)
  primaryApprovers?: UserSetDto[] | null;

  @IsOptional()
  @IsBoolean()
  isEscalationEnabled?: boolean | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => UserSetDto)
  escalationApprovers?: UserSetDto[] | null;
}

export class ApprovalSettingsDto {
  @IsBoolean()
  isApprovalRequired: boolean;

  @IsOptional()
  @IsBoolean()
  isApprovalRequiredForExtension?: boolean | null;

  @IsOptional()
  @IsBoolean()
  isRequestorJustificationRequired?: boolean | null;

  @IsOptional()
  @IsIn(['SingleStage', 'Serial', 'Parallel', 'NoApproval'])
  approvalMode?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => ApprovalStageDto)
  approvalStages?: ApprovalStageDto[] | null;
}

export class ApprovalRuleDto extends PolicyRuleDto {
  declare ruleType: 'RoleManagementPolicyApprovalRule';

  @IsDefined()
  @ValidateNested()
  @Type(() => ApprovalSettingsDto)
  setting: ApprovalSettingsDto;
}

export class AuthenticationContextRuleDto extends PolicyRuleDto {
  declare ruleType: 'RoleManagementPolicyAuthenticationContextRule';

  @IsOptional()
  @IsBoolean()
  isEnabled?: boolean | null;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  claimValue?: string | null;
}

export class NotificationRuleDto extends PolicyRuleDto {
  declare ruleType: 'RoleManagementPolicyNotificationRule';

  @IsOptional()
  @IsIn(['Email'])
  notificationType?: string | null;

  @IsOptional()
  @IsIn(['None', 'Critical', 'All'])
  notificationLevel?: string | null;

  @IsOptional()
  @IsIn(['Requestor', 'Approver', 'Admin'])
  recipientType?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  notificationRecipients?: string[] | null;

  @IsOptional()
  @IsBoolean()
  isDefaultRecipientsEnabled?: boolean | null;
}

export type PolicyRule =
  | ExpirationRuleDto
  | EnablementRuleDto
  | ApprovalRuleDto
  | AuthenticationContextRuleDto
  | NotificationRuleDto;

export class PolicyPropertiesDto {
  @IsArray()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => PolicyRuleDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'ruleType',
      subTypes: [
        {
          name: 'RoleManagementPolicyExpirationRule',
          value: ExpirationRuleDto,
        },
        {
          name: 'RoleManagementPolicyEnablementRule',
          value: EnablementRuleDto,
        },
        { name: 'RoleManagementPolicyApprovalRule', value: ApprovalRuleDto },
        {
          name: 'RoleManagementPolicyAuthenticationContextRule',
          value: AuthenticationContextRuleDto,
        },
        {
          name: 'RoleManagementPolicyNotificationRule',
          value: NotificationRuleDto,
        },
      ],
    },
  })
  rules: PolicyRule[];

  /** Not stored: only null is accepted (role-management-policy.mapping.ts). */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  displayName?: string | null;

  /** Not stored: only null is accepted (role-management-policy.mapping.ts). */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string | null;

  // Read-only: the service's own. Clients that send back a policy they read send them.
  @Allow()
  scope?: unknown;

  @Allow()
  isOrganizationDefault?: unknown;

  @Allow()
  lastModifiedBy?: unknown;

  @Allow()
  lastModifiedDateTime?: unknown;

  @Allow()
  effectiveRules?: unknown;

  @Allow()
  policyProperties?: unknown;
}

/** `PATCH {scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}`. */
export class PatchRoleManagementPolicyDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => PolicyPropertiesDto)
  properties: PolicyPropertiesDto;

  // Read-only: the policy's address, as a client sending back what it read writes them.
  @Allow()
  id?: unknown;

  @Allow()
  name?: unknown;

  @Allow()
  type?: unknown;
}
