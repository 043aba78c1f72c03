import type { QueryRunner } from 'typeorm';

/** The column type of an instant in time, per database, for migrations. */
export function dateTimeColumnType(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'postgres'
    ? 'timestamp with time zone'
    : 'datetime';
}
