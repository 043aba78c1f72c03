import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../../../database/sql-client.js';
import { EntitySeeder } from '../../../seeding/entity-seeder.js';
import { SeedCollection } from '../../../seeding/seed-collection.js';
import {
  SEED_ROLE_SETTING_MODULE_URL,
  SeedRoleSettingDto,
} from './dto/seed-role-setting.dto.js';
import {
  RoleSettingEntity,
  type RoleSettingRule,
} from './role-setting.entity.js';

@Injectable()
@SeedCollection({
  name: 'roleSettings',
  order: 40,
  references: { resourceId: 'resources', roleDefinitionId: 'roleDefinitions' },
})
export class RoleSettingsSeeder extends EntitySeeder<
  SeedRoleSettingDto,
  RoleSettingEntity
> {
  readonly recordClass = SeedRoleSettingDto;
  readonly recordModuleUrl = SEED_ROLE_SETTING_MODULE_URL;

  constructor(dataSource: DataSource, sql: SqlClient) {
    super(dataSource, sql, RoleSettingEntity);
  }

  protected toEntity(
    record: SeedRoleSettingDto,
  ): Omit<RoleSettingEntity, 'tenantId' | 'id'> {
    return {
      resourceId: record.resourceId.toLowerCase(),
      roleDefinitionId: record.roleDefinitionId.toLowerCase(),
      isDefault: record.isDefault ?? false,
      lastUpdatedDateTime: record.lastUpdatedDateTime
        ? new Date(record.lastUpdatedDateTime)
        : null,
      lastUpdatedBy: record.lastUpdatedBy ?? null,
      adminEligibleSettings: rules(record.adminEligibleSettings),
      adminMemberSettings: rules(record.adminMemberSettings),
      userEligibleSettings: rules(record.userEligibleSettings),
      userMemberSettings: rules(record.userMemberSettings),
    };
  }
}

function rules(
  list: readonly RoleSettingRule[] | undefined,
): RoleSettingRule[] {
  return (list ?? []).map(({ ruleIdentifier, setting }) => ({
    ruleIdentifier,
    setting,
  }));
}
