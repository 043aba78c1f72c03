import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableIndex,
} from 'typeorm';
import { dateTimeColumnType } from '../../../../database/column-types.js';

export class CreateRoleAssignmentRequests1764340000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const dateTime = dateTimeColumnType(queryRunner);
    // Every lookup the service does is by id within a tenant: the primary key serves it.
    await queryRunner.createTable(
      new Table({
        name: 'role_assignment_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tenant_id', type: 'varchar', length: '36' },
          {
            name: 'requestor_id',
            type: 'varchar',
            length: '36',
            isNullable: true,
          },
          { name: 'resource_id', type: 'varchar', length: '128' },
          { name: 'role_definition_id', type: 'varchar', length: '128' },
          { name: 'subject_id', type: 'varchar', length: '128' },
          {
            name: 'linked_eligible_role_assignment_id',
            type: 'varchar',
            length: '128',
            isNullable: true,
          },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'assignment_state', type: 'varchar', length: '16' },
          { name: 'requested_date_time', type: dateTime },
          { name: 'reason', type: 'text', isNullable: true },
          {
            name: 'schedule_type',
            type: 'varchar',
            length: '16',
            isNullable: true,
          },
          {
            name: 'schedule_start_date_time',
            type: dateTime,
            isNullable: true,
          },
          { name: 'schedule_end_date_time', type: dateTime, isNullable: true },
          {
            name: 'schedule_duration',
            type: 'varchar',
            length: '64',
            isNullable: true,
          },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'sub_status', type: 'varchar', length: '32' },
          { name: 'status_details', type: 'text' },
          {
            name: 'previous_sub_status',
            type: 'varchar',
            length: '32',
            isNullable: true,
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'role_assignment_request_audit_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tenant_id', type: 'varchar', length: '36' },
          { name: 'request_id', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'actor_id', type: 'varchar', length: '36' },
          { name: 'actor_type', type: 'varchar', length: '16' },
          { name: 'occurred_date_time', type: dateTime },
          { name: 'from_sub_status', type: 'varchar', length: '32' },
          { name: 'to_sub_status', type: 'varchar', length: '32' },
          { name: 'http_request_id', type: 'varchar', length: '36' },
          { name: 'client_request_id', type: 'varchar', length: '128' },
        ],
      }),
    );
    // A request's history is read by tenant and request, oldest first.
    await queryRunner.createIndex(
      'role_assignment_request_audit_events',
      new TableIndex({
        name: 'IX_role_assignment_request_audit_events_request',
        columnNames: ['tenant_id', 'request_id', 'occurred_date_time'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_assignment_request_audit_events');
    await queryRunner.dropTable('role_assignment_requests');
  }
}
