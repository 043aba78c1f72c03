import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { GUID_PATTERN } from '../../../../values/guid.js';
import {
  GUID_MESSAGE,
  SeedTenantRecordDto,
} from '../../../../seeding/seed-record.dto.js';
import { AreValidRoleSettingRules } from '../role-setting-rules.js';
import { RoleSettingRuleDto } from './role-setting-rule.dto.js';
import { IsDateTimeText } from '../../../../values/date-time-text.js';

/** Where this module is, for the seed's validation worker threads. */
export const SEED_ROLE_SETTING_MODULE_URL = import.meta.url;

/** One record of `roleSettings` in a seed file; a missing rule list is empty. */
export class SeedRoleSettingDto extends SeedTenantRecordDto {
  @Matches(GUID_PATTERN, GUID_MESSAGE)
  resourceId: string;

  @Matches(GUID_PATTERN, GUID_MESSAGE)
  roleDefinitionId: string;

  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @IsOptional()
  @IsDateTimeText()
  lastUpdatedDateTime?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 256)
  lastUpdatedBy?: string | null;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  @AreValidRoleSettingRules()
  adminEligibleSettings?: RoleSettingRuleDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  @AreValidRoleSettingRules()
  adminMemberSettings?: RoleSettingRuleDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  @AreValidRoleSettingRules()
  userEligibleSettings?: RoleSettingRuleDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleSettingRuleDto)
  @AreValidRoleSettingRules()
  userMemberSettings?: RoleSettingRuleDto[];
}
