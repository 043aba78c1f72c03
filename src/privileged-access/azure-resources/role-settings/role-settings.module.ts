import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleSettingAuditEventEntity } from './role-setting-audit-event.entity.js';
import { RoleSettingEntity } from './role-setting.entity.js';
import { RoleSettingsController } from './graph/role-settings.controller.js';
import { RoleSettingsRepository } from './role-settings.repository.js';
import { RoleSettingsSeeder } from './role-settings.seeder.js';
import { RoleSettingQueries } from './graph/role-setting.queries.js';
import { RoleSettingsService } from './role-settings.service.js';
import { CreateRoleSettings1764400000300 } from './migrations/1764400000300-create-role-settings.js';
import { CreateRoleSettingAuditEvents1764400000900 } from './migrations/1764400000900-create-role-setting-audit-events.js';
import { NumberAuditEventsPerSetting1764400001200 } from './migrations/1764400001200-number-audit-events-per-setting.js';
import { ROLE_SETTINGS } from './graph/role-settings.entity-set.js';
import { ROLE_SETTING_AUDIT_EVENTS } from './graph/role-setting-audit-events.entity-set.js';
import { RecordTheApiOfSettingAuditEvents1764400001600 } from './migrations/1764400001600-record-the-api-of-setting-audit-events.js';
import { ArmIds } from '../resource-manager/arm-ids.js';
import { ResourcesModule } from '../resources/resources.module.js';
import { RoleDefinitionsModule } from '../role-definitions/role-definitions.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { RoleManagementPoliciesController } from './resource-manager/role-management-policies.controller.js';
import { RoleManagementPolicyAssignmentsController } from './resource-manager/role-management-policy-assignments.controller.js';
import { RoleManagementPolicyPresenter } from './resource-manager/role-management-policy.presenter.js';
import { RoleManagementPolicyQueries } from './resource-manager/role-management-policy.queries.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoleSettingEntity, RoleSettingAuditEventEntity]),
    ResourcesModule,
    RoleDefinitionsModule,
    SubjectsModule,
  ],
  controllers: [
    RoleSettingsController,
    RoleManagementPoliciesController,
    RoleManagementPolicyAssignmentsController,
  ],
  providers: [
    RoleSettingsService,
    RoleSettingQueries,
    RoleSettingsRepository,
    RoleSettingsSeeder,
    ArmIds,
    RoleManagementPolicyQueries,
    RoleManagementPolicyPresenter,
  ],
  // The reads of its table, for the requests its rules govern.
  exports: [RoleSettingsRepository],
})
export class RoleSettingsModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [ROLE_SETTINGS, ROLE_SETTING_AUDIT_EVENTS];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [
    CreateRoleSettings1764400000300,
    CreateRoleSettingAuditEvents1764400000900,
    NumberAuditEventsPerSetting1764400001200,
    RecordTheApiOfSettingAuditEvents1764400001600,
  ];
}
