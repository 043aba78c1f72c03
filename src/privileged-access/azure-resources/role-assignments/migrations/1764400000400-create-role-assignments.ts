import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';
import { dateTimeColumnType } from '../../../../database/column-types.js';

export class CreateRoleAssignments1764400000400 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const dateTime = dateTimeColumnType(queryRunner);
    await queryRunner.createTable(
      tenantScopedTable('role_assignments', [
        { name: 'resource_id', type: 'varchar', length: '36' },
        { name: 'role_definition_id', type: 'varchar', length: '36' },
        { name: 'subject_id', type: 'varchar', length: '36' },
        {
          name: 'linked_eligible_role_assignment_id',
          type: 'varchar',
          length: '36',
          isNullable: true,
        },
        { name: 'external_id', type: 'varchar', length: '1024' },
        { name: 'start_date_time', type: dateTime, isNullable: true },
        { name: 'end_date_time', type: dateTime, isNullable: true },
        { name: 'assignment_state', type: 'varchar', length: '16' },
        { name: 'member_type', type: 'varchar', length: '16' },
        { name: 'status', type: 'varchar', length: '32' },
      ]),
    );
    // /resources/{id}/roleAssignments pages by id within a resource; a subject's own
    // assignments (the request lifecycle's checks) are found by subject.
    await queryRunner.createIndices('role_assignments', [
      new TableIndex({
        name: 'IDX_role_assignments_tenant_resource',
        columnNames: ['tenant_id', 'resource_id', 'id'],
      }),
      new TableIndex({
        name: 'IDX_role_assignments_tenant_subject',
        columnNames: ['tenant_id', 'subject_id'],
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_assignments');
  }
}
