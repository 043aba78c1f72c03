import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';
import { dateTimeColumnType } from '../../../../database/column-types.js';

export class CreateRoleSettings1764400000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('role_settings', [
        { name: 'resource_id', type: 'varchar', length: '36' },
        { name: 'role_definition_id', type: 'varchar', length: '36' },
        { name: 'is_default', type: 'boolean' },
        {
          name: 'last_updated_date_time',
          type: dateTimeColumnType(queryRunner),
          isNullable: true,
        },
        {
          name: 'last_updated_by',
          type: 'varchar',
          length: '256',
          isNullable: true,
        },
        { name: 'admin_eligible_settings', type: 'text' },
        { name: 'admin_member_settings', type: 'text' },
        { name: 'user_eligible_settings', type: 'text' },
        { name: 'user_member_settings', type: 'text' },
      ]),
    );
    // `$expand=roleSetting` of role definitions finds a role's setting by its definition.
    await queryRunner.createIndex(
      'role_settings',
      new TableIndex({
        name: 'IDX_role_settings_tenant_role_definition',
        columnNames: ['tenant_id', 'role_definition_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_settings');
  }
}
