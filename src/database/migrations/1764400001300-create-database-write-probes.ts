import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table readiness writes to while writes are failing (SqlClient.probeWrites): reads alone
 * cannot tell a full disk or a read-only file. It never keeps a row.
 */
export class CreateDatabaseWriteProbes1764400001300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const blob =
      queryRunner.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await queryRunner.query(
      `CREATE TABLE database_write_probes (filler ${blob} NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE database_write_probes');
  }
}
