import { Injectable } from '@nestjs/common';
import { Clock } from '../../../clock/clock.js';
import {
  type CollectionSeeder,
  SeedCollection,
} from '../../../seeding/seed-collection.js';
import {
  SEED_ROLE_ASSIGNMENT_REQUEST_MODULE_URL,
  SeedRoleAssignmentRequestDto,
} from './dto/seed-role-assignment-request.dto.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

@Injectable()
@SeedCollection({
  name: 'roleAssignmentRequests',
  order: 100,
  references: {
    resourceId: 'resources',
    roleDefinitionId: 'roleDefinitions',
    subjectId: 'subjects',
    linkedEligibleRoleAssignmentId: 'roleAssignments',
  },
})
export class RoleAssignmentRequestsSeeder implements CollectionSeeder<SeedRoleAssignmentRequestDto> {
  readonly recordClass = SeedRoleAssignmentRequestDto;
  readonly recordModuleUrl = SEED_ROLE_ASSIGNMENT_REQUEST_MODULE_URL;

  constructor(
    private readonly repository: RoleAssignmentRequestsRepository,
    private readonly clock: Clock,
  ) {}

  write(records: SeedRoleAssignmentRequestDto[]): Promise<void> {
    const now = this.clock.now();
    return this.repository.upsert(
      records.map((record) => toEntity(record, now)),
    );
  }
}

function toEntity(
  record: SeedRoleAssignmentRequestDto,
  now: Date,
): RoleAssignmentRequestEntity {
  const schedule = record.schedule;
  return {
    id: record.id.toLowerCase(),
    tenantId: record.tenantId.toLowerCase(),
    requestorId: record.requestorId?.toLowerCase() ?? null,
    resourceId: record.resourceId.toLowerCase(),
    roleDefinitionId: record.roleDefinitionId.toLowerCase(),
    subjectId: record.subjectId.toLowerCase(),
    linkedEligibleRoleAssignmentId:
      record.linkedEligibleRoleAssignmentId?.toLowerCase() ?? null,
    type: record.type,
    assignmentState: record.assignmentState,
    requestedDateTime: record.requestedDateTime
      ? new Date(record.requestedDateTime)
      : now,
    reason: record.reason ?? null,
    scheduleType: schedule ? (schedule.type ?? 'Once') : null,
    scheduleStartDateTime: optionalDate(schedule?.startDateTime),
    scheduleEndDateTime: optionalDate(schedule?.endDateTime),
    scheduleDuration: schedule?.duration ?? null,
    status: record.status.status,
    subStatus: record.status.subStatus,
    statusDetails:
      record.status.statusDetails?.map(({ key, value }) => ({ key, value })) ??
      [],
    ticketNumber: null,
    ticketSystem: null,
    condition: null,
    conditionVersion: null,
    previousSubStatus: null,
  };
}

function optionalDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
