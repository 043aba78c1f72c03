import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
} from 'typeorm';

const TABLE = 'role_assignment_request_audit_events';

/**
 * The audit of a request says which API each change came through: Graph or Resource Manager.
 * Every call before this migration came through Graph; the scheduler's changes came through none.
 */
export class RecordTheApiOfRequestAuditEvents1764400001500 implements MigrationInterface {
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
    await queryRunner.query(
      `UPDATE ${TABLE} SET api = 'Graph' WHERE actor_type <> 'Scheduler'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(TABLE, 'api');
  }
}
