import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { GUID_PATTERN } from '../../../values/guid.js';
import { validationProblems } from '../../../values/validation-problems.js';
import type { RoleSettingRule } from './role-setting.entity.js';

/** The four rule lists of a setting, in Graph's order. */
export const RULE_LISTS = [
  'adminEligibleSettings',
  'adminMemberSettings',
  'userEligibleSettings',
  'userMemberSettings',
] as const;

/** A change of a setting: the rule lists it names replace the setting's; the others stay. */
export type RoleSettingUpdate = {
  readonly [list in (typeof RULE_LISTS)[number]]?: readonly RoleSettingRule[];
};

class ExpirationRuleSetting {
  @IsBoolean()
  permanentAssignment: boolean;

  @IsInt()
  @Min(1)
  maximumGrantPeriodInMinutes: number;
}

class MfaRuleSetting {
  @IsBoolean()
  mfaRequired: boolean;
}

class JustificationRuleSetting {
  @IsBoolean()
  required: boolean;
}

class ApproverSetting {
  @Matches(GUID_PATTERN, { message: '$property must be a GUID' })
  Id: string;

  @IsOptional()
  @IsString()
  DisplayName?: string;

  @IsOptional()
  @IsIn(['User', 'Group'])
  Type?: string;

  @IsOptional()
  @IsString()
  Email?: string;
}

class ApprovalRuleSetting {
  @IsBoolean()
  Enabled: boolean;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ApproverSetting)
  Approvers: ApproverSetting[];
}

/** The JSON shape of each rule's `setting`, as Graph documents them. */
const SETTING_SHAPES: Readonly<Record<string, new () => object>> = {
  ExpirationRule: ExpirationRuleSetting,
  MfaRule: MfaRuleSetting,
  JustificationRule: JustificationRuleSetting,
  ApprovalRule: ApprovalRuleSetting,
};

export const RULE_IDENTIFIERS = Object.keys(SETTING_SHAPES);

/**
 * What is wrong with a list of rules: an unknown or repeated rule, a setting that is not JSON
 * or not of its rule's shape. `path` names the list in the messages.
 */
export function ruleProblems(
  path: string,
  rules: readonly RoleSettingRule[],
): string[] {
  const seen = new Set<string>();
  return rules.flatMap(({ ruleIdentifier, setting }, index) => {
    const place = `${path}[${index}]`;
    const shape = SETTING_SHAPES[ruleIdentifier];
    if (!Object.hasOwn(SETTING_SHAPES, ruleIdentifier)) {
      return [
        `${place}.ruleIdentifier: '${ruleIdentifier}' is not a rule (${RULE_IDENTIFIERS.join(', ')})`,
      ];
    }
    if (seen.has(ruleIdentifier)) {
      return [`${place}.ruleIdentifier: '${ruleIdentifier}' appears twice`];
    }
    seen.add(ruleIdentifier);
    let parsed: unknown;
    try {
      parsed = JSON.parse(setting);
    } catch {
      return [`${place}.setting: is not valid JSON`];
    }
    return validationProblems(`${place}.setting`, shape, parsed);
  });
}

function isRuleList(value: unknown): value is RoleSettingRule[] {
  return (
    Array.isArray(value) &&
    value.every(
      (rule: Partial<RoleSettingRule> | null) =>
        typeof rule?.ruleIdentifier === 'string' &&
        typeof rule.setting === 'string',
    )
  );
}

/** Checks a seed record's rule list with `ruleProblems` (its structure is checked apart). */
export function AreValidRoleSettingRules(): PropertyDecorator {
  return ValidateBy({
    name: 'areValidRoleSettingRules',
    validator: {
      validate: (value: unknown) =>
        !isRuleList(value) || ruleProblems('', value).length === 0,
      defaultMessage: (args) =>
        ruleProblems(
          args?.property ?? '',
          args?.value as RoleSettingRule[],
        ).join('; '),
    },
  });
}
