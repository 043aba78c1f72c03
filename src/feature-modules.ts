import type { Type } from '@nestjs/common';
import type { Migrations } from './database/database-options.js';
import { ResourcesModule } from './privileged-access/azure-resources/resources/resources.module.js';
import { RoleAssignmentRequestsModule } from './privileged-access/azure-resources/role-assignment-requests/role-assignment-requests.module.js';
import { RoleAssignmentsModule } from './privileged-access/azure-resources/role-assignments/role-assignments.module.js';
import { RoleDefinitionsModule } from './privileged-access/azure-resources/role-definitions/role-definitions.module.js';
import { RoleSettingsModule } from './privileged-access/azure-resources/role-settings/role-settings.module.js';
import { SubjectsModule } from './privileged-access/azure-resources/subjects/subjects.module.js';

/** A feature module: a Nest module that owns tables, and the migrations that make them. */
export interface FeatureModule extends Type<unknown> {
  readonly migrations: Migrations;
}

/**
 * Every feature module of the service: a new module is its folder and one line here, which
 * registers its routes, providers and migrations.
 */
export const FEATURE_MODULES: readonly FeatureModule[] = [
  ResourcesModule,
  SubjectsModule,
  RoleDefinitionsModule,
  RoleSettingsModule,
  RoleAssignmentsModule,
  RoleAssignmentRequestsModule,
];
