import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentRequestAuditEventEntity } from './role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
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
  controllers: [RoleAssignmentRequestsController],
  providers: [
    RoleAssignmentRequestsRepository,
    RoleAssignmentRequestsService,
    RoleAssignmentRequestsSeeder,
  ],
})
export class RoleAssignmentRequestsModule {}
