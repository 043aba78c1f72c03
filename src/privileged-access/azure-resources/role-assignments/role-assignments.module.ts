import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleAssignmentsController } from './graph/role-assignments.controller.js';
import { RoleAssignmentsRepository } from './role-assignments.repository.js';
import { RoleAssignmentsSeeder } from './role-assignments.seeder.js';
import { RoleAssignmentQueries } from './graph/role-assignment.queries.js';
import { CreateRoleAssignments1764400000400 } from './migrations/1764400000400-create-role-assignments.js';
import { ROLE_ASSIGNMENTS } from './graph/role-assignments.entity-set.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoleAssignmentEntity])],
  controllers: [RoleAssignmentsController],
  providers: [
    RoleAssignmentQueries,
    RoleAssignmentsSeeder,
    RoleAssignmentsRepository,
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
