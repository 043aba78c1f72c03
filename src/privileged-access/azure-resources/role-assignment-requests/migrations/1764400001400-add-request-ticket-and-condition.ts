import {
  type MigrationInterface,
  type QueryRunner,
  TableColumn,
} from 'typeorm';

const TABLE = 'role_assignment_requests';

/** Resource Manager's requests say more than Graph's: a ticket and an ABAC condition, kept. */
export class AddRequestTicketAndCondition1764400001400 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns(TABLE, [
      new TableColumn({
        name: 'ticket_number',
        type: 'varchar',
        length: '256',
        isNullable: true,
      }),
      new TableColumn({
        name: 'ticket_system',
        type: 'varchar',
        length: '256',
        isNullable: true,
      }),
      new TableColumn({ name: 'condition', type: 'text', isNullable: true }),
      new TableColumn({
        name: 'condition_version',
        type: 'varchar',
        length: '16',
        isNullable: true,
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'condition_version',
      'condition',
      'ticket_system',
      'ticket_number',
    ]) {
      await queryRunner.dropColumn(TABLE, column);
    }
  }
}
