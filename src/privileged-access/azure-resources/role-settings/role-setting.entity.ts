import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '../../../database/tenant-scoped.js';

/** A rule of a role setting: `setting` is a JSON text whose shape depends on `ruleIdentifier`. */
export interface RoleSettingRule {
  ruleIdentifier: string;
  setting: string;
}

/** A governanceRoleSetting: the rules (expiration, MFA, justification, approval) of a role. */
@Entity({ name: 'role_settings' })
@Index('IDX_role_settings_tenant_role_definition', [
  'tenantId',
  'roleDefinitionId',
])
export class RoleSettingEntity extends TenantScopedEntity {
  @Column({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId: string;

  @Column({ name: 'role_definition_id', type: 'varchar', length: 36 })
  roleDefinitionId: string;

  @Column({ name: 'is_default', type: 'boolean' })
  isDefault: boolean;

  @Column({ name: 'last_updated_date_time', type: Date, nullable: true })
  lastUpdatedDateTime: Date | null;

  @Column({
    name: 'last_updated_by',
    type: 'varchar',
    length: 256,
    nullable: true,
  })
  lastUpdatedBy: string | null;

  @Column({ name: 'admin_eligible_settings', type: 'simple-json' })
  adminEligibleSettings: RoleSettingRule[];

  @Column({ name: 'admin_member_settings', type: 'simple-json' })
  adminMemberSettings: RoleSettingRule[];

  @Column({ name: 'user_eligible_settings', type: 'simple-json' })
  userEligibleSettings: RoleSettingRule[];

  @Column({ name: 'user_member_settings', type: 'simple-json' })
  userMemberSettings: RoleSettingRule[];
}
