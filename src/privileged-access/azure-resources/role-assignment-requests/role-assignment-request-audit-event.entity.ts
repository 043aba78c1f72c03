import type { CallingApi } from '../../../values/request-ids.js';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  AuditAction,
  SubStatus,
} from './role-assignment-request.model.js';

/** One change of a request: who did what, when, from which sub-status, in which HTTP call. */
@Entity({ name: 'role_assignment_request_audit_events' })
@Index('IX_role_assignment_request_audit_events_request', [
  'tenantId',
  'requestId',
  'occurredDateTime',
])
@Index(
  'UQ_role_assignment_request_audit_events_sequence',
  ['tenantId', 'requestId', 'sequence'],
  { unique: true },
)
export class RoleAssignmentRequestAuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  /** The user's object id, or the application id for application tokens. */
  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: 'User' | 'Application' | 'Scheduler';

  @Column({ name: 'occurred_date_time', type: Date })
  occurredDateTime: Date;

  /**
   * The change's place among its request's, from 1: two changes may bear the same time (one
   * clock reading, or two replicas' clocks), their order is still known.
   */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'from_sub_status', type: 'varchar', length: 32 })
  fromSubStatus: SubStatus;

  @Column({ name: 'to_sub_status', type: 'varchar', length: 32 })
  toSubStatus: SubStatus;

  /** The `request-id` of the HTTP call that made the change. */
  @Column({ name: 'http_request_id', type: 'varchar', length: 36 })
  httpRequestId: string;

  @Column({ name: 'client_request_id', type: 'varchar', length: 128 })
  clientRequestId: string;

  /** The API the call came through (Graph, ResourceManager); null for the scheduler's. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  api: CallingApi | null;

  /** Why, for a decision (approve, deny, updateRequest); null otherwise. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
