import type { Type } from '@nestjs/common';
import type { Migrations } from './database/database-options.js';
import type { ODataEntitySet } from './graph/odata/entity-set.js';
import { ENTITY_SETS } from './graph/odata/entity-set-registry.js';
import { ProviderModule } from './privileged-access/azure-resources/provider/provider.module.js';
import { ResourcesModule } from './privileged-access/azure-resources/resources/resources.module.js';
import { RoleAssignmentRequestsModule } from './privileged-access/azure-resources/role-assignment-requests/role-assignment-requests.module.js';
import { RoleAssignmentsModule } from './privileged-access/azure-resources/role-assignments/role-assignments.module.js';
import { RoleDefinitionsModule } from './privileged-access/azure-resources/role-definitions/role-definitions.module.js';
import { RoleSettingsModule } from './privileged-access/azure-resources/role-settings/role-settings.module.js';
import { SubjectsModule } from './privileged-access/azure-resources/subjects/subjects.module.js';

/** A feature module: a Nest module that owns tables, the migrations that make them, and the entity sets it serves. */
export interface FeatureModule extends Type<unknown> {
  readonly migrations: Migrations;
  readonly entitySets: readonly ODataEntitySet[];
}

/**
 * Every feature module of the service: a new module is its folder and one line here, which
 * registers its routes, providers, migrations and entity sets.
 */
export const FEATURE_MODULES: readonly FeatureModule[] = [
  ProviderModule,
  ResourcesModule,
  SubjectsModule,
  RoleDefinitionsModule,
  RoleSettingsModule,
  RoleAssignmentsModule,
  RoleAssignmentRequestsModule,
];

// Before any request: navigations name their targets, which must all be known by then.
ENTITY_SETS.register(FEATURE_MODULES.flatMap((module) => module.entitySets));
