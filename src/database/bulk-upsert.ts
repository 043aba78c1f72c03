import type { ObjectLiteral } from 'typeorm';
import type { EntitySql } from './entity-sql.js';
import type { SqlSession } from './sql-client.js';

// Rows per statement: 1,000 rows of ~20 columns stay far below SQLite's 32,766 and
// PostgreSQL's 65,535 bound parameters.
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts entities, overwriting those whose primary key exists, with one multi-row
 * `INSERT … ON CONFLICT DO UPDATE` per chunk (valid on SQLite and PostgreSQL). Seeding a
 * hundred thousand rows through TypeORM's query builder spent most of its time binding
 * parameters; this writes the same SQL with the driver's own value conversion.
 */
export async function bulkUpsert<T extends ObjectLiteral>(
  session: SqlSession,
  sql: EntitySql<T>,
  entities: readonly T[],
): Promise<void> {
  const keys = sql.primaryKeyColumns();
  const updates = sql
    .allColumns()
    .filter((name) => !keys.includes(name))
    .map((name) => `${name} = excluded.${name}`);
  const head = `INSERT INTO ${sql.table} ${sql.columnList} VALUES `;
  const tail = ` ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;

  for (let start = 0; start < entities.length; start += ROWS_PER_STATEMENT) {
    const parameters: unknown[] = [];
    const rows = entities
      .slice(start, start + ROWS_PER_STATEMENT)
      .map((entity) => {
        const placeholders = sql.rowPlaceholders(parameters.length);
        parameters.push(...sql.valuesOf(entity));
        return placeholders;
      });
    await session.run(head + rows.join(', ') + tail, parameters);
  }
}
