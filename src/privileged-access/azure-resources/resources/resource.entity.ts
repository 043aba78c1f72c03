import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';

export const RESOURCE_STATUSES = ['Active', 'Locked'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** A governanceResource: a subscription, resource group or resource managed by PIM. */
@Entity({ name: 'resources' })
@Index('IDX_resources_tenant_display_name', ['tenantId', 'displayName', 'id'])
export class ResourceEntity extends TenantScopedEntity {
  @Column({ name: 'external_id', type: 'varchar', length: 1024 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  status: ResourceStatus;

  @Column({ name: 'registered_date_time', type: Date, nullable: true })
  registeredDateTime: Date | null;

  @Column({
    name: 'registered_root',
    type: 'varchar',
    length: 1024,
    nullable: true,
  })
  registeredRoot: string | null;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;
}
