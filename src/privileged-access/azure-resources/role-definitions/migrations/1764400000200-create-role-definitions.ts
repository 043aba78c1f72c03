import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';

export class CreateRoleDefinitions1764400000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('role_definitions', [
        { name: 'resource_id', type: 'varchar', length: '36' },
        { name: 'external_id', type: 'varchar', length: '1024' },
        { name: 'display_name', type: 'varchar', length: '256' },
        { name: 'template_id', type: 'varchar', length: '36' },
      ]),
    );
    // /resources/{id}/roleDefinitions pages by id within one resource.
    await queryRunner.createIndex(
      'role_definitions',
      new TableIndex({
        name: 'IDX_role_definitions_tenant_resource',
        columnNames: ['tenant_id', 'resource_id', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_definitions');
  }
}
