import type { CallingApi } from '../../../values/request-ids.js';
import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';
import type { RoleSettingRule } from './role-setting.entity.js';

/** A role setting's four rule lists, as one change found or left them. */
export interface RoleSettingRuleLists {
  adminEligibleSettings: RoleSettingRule[];
  adminMemberSettings: RoleSettingRule[];
  userEligibleSettings: RoleSettingRule[];
  userMemberSettings: RoleSettingRule[];
}

/**
 * One change of a role setting: who, when, in which HTTP call, and its rule lists before and
 * after, so that an administrator can tell who loosened a role's rules and undo it.
 */
@Entity({ name: 'role_setting_audit_events' })
@Index('IX_role_setting_audit_events_setting', [
  'tenantId',
  'roleSettingId',
  'occurredDateTime',
])
@Index(
  'UQ_role_setting_audit_events_sequence',
  ['tenantId', 'roleSettingId', 'sequence'],
  { unique: true },
)
export class RoleSettingAuditEventEntity extends TenantScopedEntity {
  @Column({ name: 'role_setting_id', type: 'varchar', length: 36 })
  roleSettingId: string;

  /** The user's object id, or the application id for application tokens. */
  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: 'User' | 'Application';

  @Column({ name: 'occurred_date_time', type: Date })
  occurredDateTime: Date;

  /**
   * The change's place among its setting's, from 1: two changes may bear the same time (one
   * clock reading, or two replicas' clocks), their order is still known.
   */
  @Column({ type: 'integer' })
  sequence: number;

  /** The `request-id` of the HTTP call that made the change. */
  @Column({ name: 'http_request_id', type: 'varchar', length: 36 })
  httpRequestId: string;

  @Column({ name: 'client_request_id', type: 'varchar', length: 128 })
  clientRequestId: string;

  /** The API the call came through (Graph, ResourceManager); null for the scheduler's. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  api: CallingApi | null;

  @Column({ name: 'rules_before', type: 'simple-json' })
  before: RoleSettingRuleLists;

  @Column({ name: 'rules_after', type: 'simple-json' })
  after: RoleSettingRuleLists;
}
