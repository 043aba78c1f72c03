import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';
import type {
  AssignmentState,
  RequestStatus,
  RequestType,
  SubStatus,
} from './role-assignment-request.model.js';

export interface StatusDetail {
  key: string;
  value: string;
}

/**
 * A governanceRoleAssignmentRequest, with the tenant it belongs to and who asked for it. Keyed by
 * (tenant, id) as every entity: seeds of two tenants may hold the same request id.
 */
@Entity({ name: 'role_assignment_requests' })
@Index('IDX_role_assignment_requests_due', [
  'subStatus',
  'scheduleStartDateTime',
])
@Index('IDX_role_assignment_requests_waiting', [
  'subStatus',
  'requestedDateTime',
])
@Index('IDX_role_assignment_requests_tenant_resource', [
  'tenantId',
  'resourceId',
  'id',
])
export class RoleAssignmentRequestEntity extends TenantScopedEntity {
  @Column({ name: 'requestor_id', type: 'varchar', length: 36, nullable: true })
  requestorId: string | null;

  @Column({ name: 'resource_id', type: 'varchar', length: 128 })
  resourceId: string;

  @Column({ name: 'role_definition_id', type: 'varchar', length: 128 })
  roleDefinitionId: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 128 })
  subjectId: string;

  @Column({
    name: 'linked_eligible_role_assignment_id',
    type: 'varchar',
    length: 128,
    nullable: true,
  })
  linkedEligibleRoleAssignmentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: RequestType;

  @Column({ name: 'assignment_state', type: 'varchar', length: 16 })
  assignmentState: AssignmentState;

  @Column({ name: 'requested_date_time', type: Date })
  requestedDateTime: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** A null schedule type means the request has no schedule at all. */
  @Column({
    name: 'schedule_type',
    type: 'varchar',
    length: 16,
    nullable: true,
  })
  scheduleType: string | null;

  @Column({ name: 'schedule_start_date_time', type: Date, nullable: true })
  scheduleStartDateTime: Date | null;

  @Column({ name: 'schedule_end_date_time', type: Date, nullable: true })
  scheduleEndDateTime: Date | null;

  @Column({
    name: 'schedule_duration',
    type: 'varchar',
    length: 64,
    nullable: true,
  })
  scheduleDuration: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: RequestStatus;

  @Column({ name: 'sub_status', type: 'varchar', length: 32 })
  subStatus: SubStatus;

  @Column({ name: 'status_details', type: 'simple-json' })
  statusDetails: StatusDetail[];

  /** A ticket the request refers to; Graph's requests have none. */
  @Column({
    name: 'ticket_number',
    type: 'varchar',
    length: 256,
    nullable: true,
  })
  ticketNumber: string | null;

  @Column({
    name: 'ticket_system',
    type: 'varchar',
    length: 256,
    nullable: true,
  })
  ticketSystem: string | null;

  /** An ABAC condition on the assignment asked for, and its version; Graph's requests have none. */
  @Column({ type: 'text', nullable: true })
  condition: string | null;

  @Column({
    name: 'condition_version',
    type: 'varchar',
    length: 16,
    nullable: true,
  })
  conditionVersion: string | null;

  /**
   * The sub-status before the last transition. A transition is one conditional UPDATE that also
   * copies the old sub-status here, so its audit record names it exactly, without a read first.
   */
  @Column({
    name: 'previous_sub_status',
    type: 'varchar',
    length: 32,
    nullable: true,
  })
  previousSubStatus: SubStatus | null;
}
