import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '../database/tenant-scoped.js';

/**
 * An app registered with the development identity endpoints: keyed by its tenant and client id
 * (`id`), it signs in with its secret and gets its app roles in its tokens.
 */
@Entity({ name: 'identity_clients' })
export class ClientApplicationEntity extends TenantScopedEntity {
  /** Hex SHA-256 of the secret: the secret itself is never stored. */
  @Column({ name: 'secret_sha256', type: 'varchar', length: 64 })
  secretSha256: string;

  /** Its application permissions (`roles`), space-separated. */
  @Column({ name: 'app_roles', type: 'varchar', length: 4096 })
  appRoles: string;

  /** Its service principal's object id (`oid`). */
  @Column({ name: 'object_id', type: 'varchar', length: 36 })
  objectId: string;
}
