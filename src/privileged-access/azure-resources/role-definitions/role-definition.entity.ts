import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';

/** A governanceRoleDefinition: a role (Owner, Reader…) that can be assigned on a resource. */
@Entity({ name: 'role_definitions' })
@Index('IDX_role_definitions_tenant_resource', ['tenantId', 'resourceId', 'id'])
export class RoleDefinitionEntity extends TenantScopedEntity {
  @Column({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId: string;

  @Column({ name: 'external_id', type: 'varchar', length: 1024 })
  externalId: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256 })
  displayName: string;

  @Column({ name: 'template_id', type: 'varchar', length: 36 })
  templateId: string;
}
