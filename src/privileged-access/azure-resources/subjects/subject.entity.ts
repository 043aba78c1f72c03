import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';

export const SUBJECT_TYPES = ['User', 'Group', 'ServicePrincipal'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** A governanceSubject: the user, group or service principal a role is assigned to. */
@Entity({ name: 'subjects' })
export class SubjectEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 32 })
  type: SubjectType;

  @Column({ name: 'display_name', type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  email: string | null;

  @Column({
    name: 'principal_name',
    type: 'varchar',
    length: 256,
    nullable: true,
  })
  principalName: string | null;
}
