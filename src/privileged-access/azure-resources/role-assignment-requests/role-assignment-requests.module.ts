import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResourcesModule } from '../resources/resources.module.js';
import { RoleAssignmentsModule } from '../role-assignments/role-assignments.module.js';
import { RoleDefinitionsModule } from '../role-definitions/role-definitions.module.js';
import { RoleSettingsModule } from '../role-settings/role-settings.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { RoleAssignmentRequestAuditEventEntity } from './role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestListsController } from './graph/role-assignment-request-lists.controller.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RoleAssignmentRequestQueries } from './graph/role-assignment-request.queries.js';
import { RoleAssignmentRequestCreationRepository } from './creation/role-assignment-request-creation.repository.js';
import { RoleAssignmentRequestCreation } from './creation/role-assignment-request-creation.service.js';
import { RoleAssignmentRequestDecisions } from './decisions/role-assignment-request-decisions.service.js';
import { RoleAssignmentProvisioning } from './role-assignment-request.provisioning.js';
import { RoleAssignmentRequestScheduler } from './scheduling/role-assignment-request.scheduler.js';
import { RoleAssignmentRequestTransitions } from './role-assignment-request.transitions.js';
import { RoleAssignmentRequestsController } from './graph/role-assignment-requests.controller.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';
import { RoleAssignmentRequestsSeeder } from './role-assignment-requests.seeder.js';
import { RoleAssignmentRequestsService } from './role-assignment-requests.service.js';
import { CreateRoleAssignmentRequests1764340000000 } from './migrations/1764340000000-create-role-assignment-requests.js';
import { CreateRoleAssignmentRequestIndexes1764400000500 } from './migrations/1764400000500-create-role-assignment-request-indexes.js';
import { AddAuditEventReason1764400000600 } from './migrations/1764400000600-add-audit-event-reason.js';
import { CreateLifecycleIndexes1764400000700 } from './migrations/1764400000700-create-lifecycle-indexes.js';
import { KeyRoleAssignmentRequestsByTenant1764400001000 } from './migrations/1764400001000-key-role-assignment-requests-by-tenant.js';
import { NumberAuditEventsPerRequest1764400001100 } from './migrations/1764400001100-number-audit-events-per-request.js';
import { AddRequestTicketAndCondition1764400001400 } from './migrations/1764400001400-add-request-ticket-and-condition.js';
import { ROLE_ASSIGNMENT_REQUESTS } from './graph/role-assignment-requests.entity-set.js';
import { AUDIT_EVENTS } from './graph/audit-events.entity-set.js';

import { ArmIds } from '../resource-manager/arm-ids.js';
import { ArmReferences } from '../resource-manager/arm-references.js';
import {
  RoleAssignmentScheduleRequestsController,
  RoleEligibilityScheduleRequestsController,
} from './resource-manager/role-schedule-requests.controller.js';
import { RoleScheduleRequestPresenter } from './resource-manager/role-schedule-request.presenter.js';
import { RecordTheApiOfRequestAuditEvents1764400001500 } from './migrations/1764400001500-record-the-api-of-request-audit-events.js';

@Module({
  imports: [
    ResourcesModule,
    SubjectsModule,
    RoleDefinitionsModule,
    RoleSettingsModule,
    RoleAssignmentsModule,
    TypeOrmModule.forFeature([
      RoleAssignmentRequestEntity,
      RoleAssignmentRequestAuditEventEntity,
    ]),
  ],
  controllers: [
    RoleAssignmentRequestsController,
    RoleAssignmentRequestListsController,
    RoleAssignmentScheduleRequestsController,
    RoleEligibilityScheduleRequestsController,
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
    RoleAssignmentRequestTransitions,
    ArmIds,
    RoleScheduleRequestPresenter,
    ArmReferences,
  ],
  // The emulator's clock runs it.
  exports: [RoleAssignmentRequestScheduler],
})
export class RoleAssignmentRequestsModule {
  /** Its entity sets; the composition root registers every module's (src/feature-modules.ts). */
  static readonly entitySets = [ROLE_ASSIGNMENT_REQUESTS, AUDIT_EVENTS];

  /** Its tables' migrations; the composition root runs every module's (src/migrations.ts). */
  static readonly migrations = [
    CreateRoleAssignmentRequests1764340000000,
    CreateRoleAssignmentRequestIndexes1764400000500,
    AddAuditEventReason1764400000600,
    CreateLifecycleIndexes1764400000700,
    KeyRoleAssignmentRequestsByTenant1764400001000,
    NumberAuditEventsPerRequest1764400001100,
    AddRequestTicketAndCondition1764400001400,
    RecordTheApiOfRequestAuditEvents1764400001500,
  ];
}
