import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentRequestAuditEventEntity } from './role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestListsController } from './role-assignment-request-lists.controller.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RoleAssignmentRequestQueries } from './role-assignment-request.queries.js';
import { RoleAssignmentRequestCreationRepository } from './role-assignment-request-creation.repository.js';
import { RoleAssignmentRequestCreation } from './role-assignment-request-creation.service.js';
import { RoleAssignmentRequestDecisions } from './role-assignment-request-decisions.service.js';
import { RoleAssignmentProvisioning } from './role-assignment-request.provisioning.js';
import { RoleAssignmentRequestScheduler } from './role-assignment-request.scheduler.js';
import { RoleAssignmentRequestsController } from './role-assignment-requests.controller.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';
import { RoleAssignmentRequestsSeeder } from './role-assignment-requests.seeder.js';
import { RoleAssignmentRequestsService } from './role-assignment-requests.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      RoleAssignmentRequestEntity,
      RoleAssignmentRequestAuditEventEntity,
    ]),
  ],
  controllers: [
    RoleAssignmentRequestsController,
    RoleAssignmentRequestListsController,
  ],
  providers: [
    RoleAssignmentRequestsRepository,
    RoleAssignmentRequestsService,
    RoleAssignmentRequestsSeeder,
    RoleAssignmentRequestQueries,
    RoleAssignmentRequestCreationRepository,
    RoleAssignmentRequestCreation,
    RoleAssignmentRequestDecisions,
    RoleAssignmentProvisioning,
    RoleAssignmentRequestScheduler,
  ],
  // The emulator's clock runs it.
  exports: [RoleAssignmentRequestScheduler],
})
export class RoleAssignmentRequestsModule {}
