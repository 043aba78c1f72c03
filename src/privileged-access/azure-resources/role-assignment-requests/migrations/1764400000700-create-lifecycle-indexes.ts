import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** What the lifecycle's scheduler looks for each run, without reading whole tables. */
export class CreateLifecycleIndexes1764400000700 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndices('role_assignment_requests', [
      new TableIndex({
        name: 'IDX_role_assignment_requests_due',
        columnNames: ['sub_status', 'schedule_start_date_time'],
      }),
      new TableIndex({
        name: 'IDX_role_assignment_requests_waiting',
        columnNames: ['sub_status', 'requested_date_time'],
      }),
    ]);
    await queryRunner.createIndex(
      'role_assignments',
      new TableIndex({
        name: 'IDX_role_assignments_end',
        columnNames: ['end_date_time'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('role_assignments', 'IDX_role_assignments_end');
    await queryRunner.dropIndex(
      'role_assignment_requests',
      'IDX_role_assignment_requests_waiting',
    );
    await queryRunner.dropIndex(
      'role_assignment_requests',
      'IDX_role_assignment_requests_due',
    );
  }
}
