import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArmIds } from '../resource-manager/arm-ids.js';
import { ArmReferences } from '../resource-manager/arm-references.js';
import { ResourcesModule } from '../resources/resources.module.js';
import { RoleDefinitionsModule } from '../role-definitions/role-definitions.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleAssignmentsController } from './graph/role-assignments.controller.js';
import { RoleAssignmentExportController } from './graph/role-assignment-export.controller.js';
import { RoleAssignmentsRepository } from './role-assignments.repository.js';
import { RoleAssignmentsSeeder } from './role-assignments.seeder.js';
import { RoleAssignmentsService } from './role-assignments.service.js';
import { RoleAssignmentQueries } from './graph/role-assignment.queries.js';
import { CreateRoleAssignments1764400000400 } from './migrations/1764400000400-create-role-assignments.js';
import { ROLE_ASSIGNMENTS } from './graph/role-assignments.entity-set.js';
import {
  RoleAssignmentScheduleInstancesController,
  RoleAssignmentSchedulesController,
  RoleEligibilityScheduleInstancesController,
  RoleEligibilitySchedulesController,
} from './resource-manager/role-schedules.controller.js';
import { RoleSchedulePresenter } from './resource-manager/role-schedule.presenter.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoleAssignmentEntity]),
    ResourcesModule,
    RoleDefinitionsModule,
    SubjectsModule,
  ],
  controllers: [
    // Before the assignments' routes: its static `roleAssignments/export` is not an id.
    RoleAssignmentExportController,
    RoleAssignmentsController,
    RoleAssignmentSchedulesController,
    RoleAssignmentScheduleInstancesController,
    RoleEligibilitySchedulesController,
    RoleEligibilityScheduleInstancesController,
  ],
  providers: [
    RoleAssignmentQueries,
    RoleAssignmentsSeeder,
    RoleAssignmentsRepository,
    RoleAssignmentsService,
    ArmIds,
    ArmReferences,
    RoleSchedulePresenter,
  ],
  // The writes to its table, for the requests that grant and end assignments.
  exports: [RoleAssignmentsRepository],
})
export class RoleAssignmentsModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [ROLE_ASSIGNMENTS];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [CreateRoleAssignments1764400000400];
}
