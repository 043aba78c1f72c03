import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
  TableIndex,
} from 'typeorm';

const EVENTS = 'role_setting_audit_events';
const SEQUENCE = new TableIndex({
  name: 'UQ_role_setting_audit_events_sequence',
  columnNames: ['tenant_id', 'role_setting_id', 'sequence'],
  isUnique: true,
});

/**
 * A role setting's audit events are listed in the order of its changes, which their times cannot
 * tell when two are equal: each event gets its place among its setting's. Events written before
 * are numbered in the order they were listed, by time then id.
 */
export class NumberAuditEventsPerSetting1764400001200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      EVENTS,
      new TableColumn({ name: 'sequence', type: 'integer', isNullable: true }),
    );
    await queryRunner.query(
      `UPDATE ${EVENTS} SET sequence = (
         SELECT COUNT(*) FROM ${EVENTS} earlier
          WHERE earlier.tenant_id = ${EVENTS}.tenant_id
            AND earlier.role_setting_id = ${EVENTS}.role_setting_id
            AND (earlier.occurred_date_time < ${EVENTS}.occurred_date_time
              OR (earlier.occurred_date_time = ${EVENTS}.occurred_date_time
                  AND earlier.id <= ${EVENTS}.id)))`,
    );
    await queryRunner.changeColumn(
      EVENTS,
      'sequence',
      new TableColumn({ name: 'sequence', type: 'integer' }),
    );
    await queryRunner.createIndex(EVENTS, SEQUENCE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(EVENTS, SEQUENCE);
    await queryRunner.dropColumn(EVENTS, 'sequence');
  }
}
