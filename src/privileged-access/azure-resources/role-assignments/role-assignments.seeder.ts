import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlClient } from '../../../database/sql-client.js';
import { EntitySeeder } from '../../../seeding/entity-seeder.js';
import { SeedCollection } from '../../../seeding/seed-collection.js';
import {
  SEED_ROLE_ASSIGNMENT_MODULE_URL,
  SeedRoleAssignmentDto,
} from './dto/seed-role-assignment.dto.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';

@Injectable()
@SeedCollection({
  name: 'roleAssignments',
  order: 50,
  references: {
    resourceId: 'resources',
    roleDefinitionId: 'roleDefinitions',
    subjectId: 'subjects',
    linkedEligibleRoleAssignmentId: 'roleAssignments',
  },
})
export class RoleAssignmentsSeeder extends EntitySeeder<
  SeedRoleAssignmentDto,
  RoleAssignmentEntity
> {
  readonly recordClass = SeedRoleAssignmentDto;
  readonly recordModuleUrl = SEED_ROLE_ASSIGNMENT_MODULE_URL;

  constructor(dataSource: DataSource, sql: SqlClient) {
    super(dataSource, sql, RoleAssignmentEntity);
  }

  protected toEntity(
    record: SeedRoleAssignmentDto,
  ): Omit<RoleAssignmentEntity, 'tenantId' | 'id'> {
    return {
      resourceId: record.resourceId.toLowerCase(),
      roleDefinitionId: record.roleDefinitionId.toLowerCase(),
      subjectId: record.subjectId.toLowerCase(),
      linkedEligibleRoleAssignmentId:
        record.linkedEligibleRoleAssignmentId?.toLowerCase() ?? null,
      externalId: record.externalId,
      startDateTime: record.startDateTime
        ? new Date(record.startDateTime)
        : null,
      endDateTime: record.endDateTime ? new Date(record.endDateTime) : null,
      assignmentState: record.assignmentState,
      memberType: record.memberType,
      status: record.status,
    };
  }
}
