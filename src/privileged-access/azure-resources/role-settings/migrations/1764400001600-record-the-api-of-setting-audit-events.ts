import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
} from 'typeorm';

const TABLE = 'role_setting_audit_events';

/** The audit of a setting says which API each change came through; until now, always Graph. */
export class RecordTheApiOfSettingAuditEvents1764400001600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      TABLE,
      new TableColumn({
        name: 'api',
        type: 'varchar',
        length: '32',
        isNullable: true,
      }),
    );
    await queryRunner.query(`UPDATE ${TABLE} SET api = 'Graph'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(TABLE, 'api');
  }
}
