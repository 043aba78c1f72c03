import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The lists: a tenant's requests page by id, and one resource's requests by resource. */
export class CreateRoleAssignmentRequestIndexes1764400000500 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndices('role_assignment_requests', [
      new TableIndex({
        name: 'IDX_role_assignment_requests_tenant_id',
        columnNames: ['tenant_id', 'id'],
      }),
      new TableIndex({
        name: 'IDX_role_assignment_requests_tenant_resource',
        columnNames: ['tenant_id', 'resource_id', 'id'],
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(
      'role_assignment_requests',
      'IDX_role_assignment_requests_tenant_resource',
    );
    await queryRunner.dropIndex(
      'role_assignment_requests',
      'IDX_role_assignment_requests_tenant_id',
    );
  }
}
