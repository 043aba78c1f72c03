import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import { type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import type { RoleSettingUpdate } from '../../role-setting-rules.js';
import { RoleSettingRuleDto } from '../../dto/role-setting-rule.dto.js';

const RULES: ApiPropertyOptions = {
  type: () => [RoleSettingRuleDto],
  example: [
    {
      ruleIdentifier: 'ExpirationRule',
      setting:
        '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}',
    },
  ],
};

/** `PATCH …/roleSettings/{id}`: the rule lists to replace; the others stay. */
export class UpdateRoleSettingDto implements RoleSettingUpdate {
  @ApiPropertyOptional(RULES)
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  adminEligibleSettings?: RoleSettingRuleDto[];

  @ApiPropertyOptional(RULES)
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  adminMemberSettings?: RoleSettingRuleDto[];

  @ApiPropertyOptional(RULES)
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  userEligibleSettings?: RoleSettingRuleDto[];

  @ApiPropertyOptional(RULES)
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  userMemberSettings?: RoleSettingRuleDto[];
}
