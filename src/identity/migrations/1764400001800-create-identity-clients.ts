import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { tenantScopedTable } from '../../database/tenant-scoped.js';

export class CreateIdentityClients1764400001800 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('identity_clients', [
        { name: 'secret_sha256', type: 'varchar', length: '64' },
        { name: 'app_roles', type: 'varchar', length: '4096' },
        { name: 'object_id', type: 'varchar', length: '36' },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('identity_clients');
  }
}
