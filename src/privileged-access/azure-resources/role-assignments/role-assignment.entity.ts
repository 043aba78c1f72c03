import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';

export const ASSIGNMENT_STATES = ['Eligible', 'Active'] as const;
export type RoleAssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const MEMBER_TYPES = ['Direct', 'Group', 'Inherited'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

/** A governanceRoleAssignment: a subject's eligible or active role on a resource. */
@Entity({ name: 'role_assignments' })
@Index('IDX_role_assignments_tenant_resource', ['tenantId', 'resourceId', 'id'])
@Index('IDX_role_assignments_tenant_subject', ['tenantId', 'subjectId'])
@Index('IDX_role_assignments_end', ['endDateTime'])
export class RoleAssignmentEntity extends TenantScopedEntity {
  @Column({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId: string;

  @Column({ name: 'role_definition_id', type: 'varchar', length: 36 })
  roleDefinitionId: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({
    name: 'linked_eligible_role_assignment_id',
    type: 'varchar',
    length: 36,
    nullable: true,
  })
  linkedEligibleRoleAssignmentId: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 1024 })
  externalId: string;

  @Column({ name: 'start_date_time', type: Date, nullable: true })
  startDateTime: Date | null;

  @Column({ name: 'end_date_time', type: Date, nullable: true })
  endDateTime: Date | null;

  @Column({ name: 'assignment_state', type: 'varchar', length: 16 })
  assignmentState: RoleAssignmentState;

  @Column({ name: 'member_type', type: 'varchar', length: 16 })
  memberType: MemberType;

  @Column({ type: 'varchar', length: 32 })
  status: string;
}
