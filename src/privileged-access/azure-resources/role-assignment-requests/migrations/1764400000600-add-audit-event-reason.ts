import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
} from 'typeorm';

/** Approvals and denials say why: their audit record keeps the decider's reason. */
export class AddAuditEventReason1764400000600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'role_assignment_request_audit_events',
      new TableColumn({ name: 'reason', type: 'text', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(
      'role_assignment_request_audit_events',
      'reason',
    );
  }
}
