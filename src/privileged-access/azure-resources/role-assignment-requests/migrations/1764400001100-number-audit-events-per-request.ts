import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
  TableIndex,
} from 'typeorm';

const EVENTS = 'role_assignment_request_audit_events';
const SEQUENCE = new TableIndex({
  name: 'UQ_role_assignment_request_audit_events_sequence',
  columnNames: ['tenant_id', 'request_id', 'sequence'],
  isUnique: true,
});

/**
 * A request's audit events are listed in the order of its changes, which their times cannot
 * tell when two are equal: each event gets its place among its request's. Events written
 * before are numbered in the order they were listed, by time then id.
 */
export class NumberAuditEventsPerRequest1764400001100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      EVENTS,
      new TableColumn({ name: 'sequence', type: 'integer', isNullable: true }),
    );
    await queryRunner.query(
      `UPDATE ${EVENTS} SET sequence = (
         SELECT COUNT(*) FROM ${EVENTS} earlier
          WHERE earlier.tenant_id = ${EVENTS}.tenant_id
            AND earlier.request_id = ${EVENTS}.request_id
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
