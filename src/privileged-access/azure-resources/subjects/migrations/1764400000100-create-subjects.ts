import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { tenantScopedTable } from '../../../../database/tenant-scoped.js';

export class CreateSubjects1764400000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      tenantScopedTable('subjects', [
        { name: 'type', type: 'varchar', length: '32' },
        { name: 'display_name', type: 'varchar', length: '256' },
        { name: 'email', type: 'varchar', length: '256', isNullable: true },
        {
          name: 'principal_name',
          type: 'varchar',
          length: '256',
          isNullable: true,
        },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('subjects');
  }
}
