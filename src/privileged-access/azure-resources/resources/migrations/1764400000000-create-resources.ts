import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';
import { dateTimeColumnType } from '../../../../database/column-types.js';

export class CreateResources1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('resources', [
        { name: 'external_id', type: 'varchar', length: '1024' },
        { name: 'type', type: 'varchar', length: '64' },
        { name: 'display_name', type: 'varchar', length: '256' },
        { name: 'status', type: 'varchar', length: '16' },
        {
          name: 'registered_date_time',
          type: dateTimeColumnType(queryRunner),
          isNullable: true,
        },
        {
          name: 'registered_root',
          type: 'varchar',
          length: '1024',
          isNullable: true,
        },
        {
          name: 'parent_id',
          type: 'varchar',
          length: '36',
          isNullable: true,
        },
      ]),
    );
    await queryRunner.createIndex(
      'resources',
      new TableIndex({
        name: 'IDX_resources_tenant_display_name',
        columnNames: ['tenant_id', 'display_name', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('resources');
  }
}
