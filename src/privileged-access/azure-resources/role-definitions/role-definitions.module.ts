import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleDefinitionEntity } from './role-definition.entity.js';
import { RoleDefinitionsController } from './graph/role-definitions.controller.js';
import { RoleDefinitionsRepository } from './role-definitions.repository.js';
import { RoleDefinitionsSeeder } from './role-definitions.seeder.js';
import { RoleDefinitionQueries } from './graph/role-definition.queries.js';
import { CreateRoleDefinitions1764400000200 } from './migrations/1764400000200-create-role-definitions.js';
import { ROLE_DEFINITIONS } from './graph/role-definitions.entity-set.js';
import { ArmIds } from '../resource-manager/arm-ids.js';
import { ResourcesModule } from '../resources/resources.module.js';
import { RoleDefinitionsArmController } from './resource-manager/role-definitions.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoleDefinitionEntity]), ResourcesModule],
  controllers: [RoleDefinitionsController, RoleDefinitionsArmController],
  providers: [
    RoleDefinitionQueries,
    RoleDefinitionsSeeder,
    RoleDefinitionsRepository,
    ArmIds,
  ],
  // The reads of its table, for the requests that name a role.
  exports: [RoleDefinitionsRepository],
})
export class RoleDefinitionsModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [ROLE_DEFINITIONS];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [CreateRoleDefinitions1764400000200];
}
