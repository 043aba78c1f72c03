import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { dateTimeColumnType } from '../../../../database/column-types.js';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';

/** Every change of a role's settings is recorded: who loosened a role's rules must be known. */
export class CreateRoleSettingAuditEvents1764400000900 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('role_setting_audit_events', [
        { name: 'role_setting_id', type: 'varchar', length: '36' },
        { name: 'actor_id', type: 'varchar', length: '36' },
        { name: 'actor_type', type: 'varchar', length: '16' },
        { name: 'occurred_date_time', type: dateTimeColumnType(queryRunner) },
        { name: 'http_request_id', type: 'varchar', length: '36' },
        { name: 'client_request_id', type: 'varchar', length: '128' },
        { name: 'rules_before', type: 'text' },
        { name: 'rules_after', type: 'text' },
      ]),
    );
    // A setting's history is read by tenant and setting, oldest first.
    await queryRunner.createIndex(
      'role_setting_audit_events',
      new TableIndex({
        name: 'IX_role_setting_audit_events_setting',
        columnNames: ['tenant_id', 'role_setting_id', 'occurred_date_time'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_setting_audit_events');
  }
}
