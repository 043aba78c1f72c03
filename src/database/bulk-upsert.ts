import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

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
  manager: EntityManager,
  target: EntityTarget<T>,
  entities: readonly T[],
): Promise<void> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const quotedNames = columns.map((column) =>
    driver.escape(column.databaseName),
  );
  const keyNames = metadata.primaryColumns.map((column) =>
    driver.escape(column.databaseName),
  );
  const updates = quotedNames
    .filter((name) => !keyNames.includes(name))
    .map((name) => `${name} = excluded.${name}`);
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${quotedNames.join(', ')}) VALUES `;
  const tail = ` ON CONFLICT (${keyNames.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;

  for (let start = 0; start < entities.length; start += ROWS_PER_STATEMENT) {
    const chunk = entities.slice(start, start + ROWS_PER_STATEMENT);
    const parameters: unknown[] = [];
    const rows = chunk.map((entity) => {
      const placeholders = columns.map((column) => {
        parameters.push(
          driver.preparePersistentValue(column.getEntityValue(entity), column),
        );
        return driver.createParameter(
          column.propertyName,
          parameters.length - 1,
        );
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(head + rows.join(', ') + tail, parameters);
  }
}
