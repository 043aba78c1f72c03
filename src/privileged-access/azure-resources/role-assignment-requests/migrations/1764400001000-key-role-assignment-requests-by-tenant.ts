import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableIndex,
} from 'typeorm';

const REQUESTS = 'role_assignment_requests';
// The (tenant_id, id) index the lists used: the new primary key is that very index.
const TENANT_ID_INDEX = new TableIndex({
  name: 'IDX_role_assignment_requests_tenant_id',
  columnNames: ['tenant_id', 'id'],
});

/**
 * Requests are keyed by (tenant, id), as every other entity: keyed by id alone, a seed of one
 * tenant naming another tenant's request id took that request over. Rows and audit events are
 * kept. Down fails while two tenants hold the same id: the old key cannot hold both.
 */
export class KeyRoleAssignmentRequestsByTenant1764400001000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await requestsTable(queryRunner);
    const indices = table.indices.filter(
      (index) => index.name !== TENANT_ID_INDEX.name,
    );
    await rekey(queryRunner, table, ['tenant_id', 'id'], indices);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await requestsTable(queryRunner);
    await rekey(
      queryRunner,
      table,
      ['id'],
      [...table.indices, TENANT_ID_INDEX],
    );
  }
}

async function requestsTable(queryRunner: QueryRunner): Promise<Table> {
  const table = await queryRunner.getTable(REQUESTS);
  if (!table) {
    throw new Error(`${REQUESTS} does not exist`);
  }
  return table;
}

/** Gives the table the primary key `key`, in that column order, and then the indices `indices`. */
async function rekey(
  queryRunner: QueryRunner,
  table: Table,
  key: string[],
  indices: TableIndex[],
): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.dropPrimaryKey(table);
    await queryRunner.createPrimaryKey(table, key);
    for (const index of table.indices) {
      if (!indices.some((kept) => kept.name === index.name)) {
        await queryRunner.dropIndex(table, index);
      }
    }
    for (const index of indices) {
      if (!table.indices.some((existing) => existing.name === index.name)) {
        await queryRunner.createIndex(table, index.clone());
      }
    }
    return;
  }
  await rebuildSqliteTable(queryRunner, table, key, indices);
}

/**
 * SQLite cannot change a primary key: the rows move to a new table of that key (its columns
 * first, so that the key's order is theirs), which then takes the old one's name.
 */
async function rebuildSqliteTable(
  queryRunner: QueryRunner,
  table: Table,
  key: string[],
  indices: TableIndex[],
): Promise<void> {
  const rebuilt = `${REQUESTS}_rekeyed`;
  const columns = [
    ...key.map((name) => table.columns.find((column) => column.name === name)),
    ...table.columns.filter((column) => !key.includes(column.name)),
  ].map((column) => {
    if (!column) {
      throw new Error(`${REQUESTS} has no column of its new key`);
    }
    const copy = column.clone();
    copy.isPrimary = key.includes(column.name);
    return copy;
  });
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  await queryRunner.createTable(new Table({ name: rebuilt, columns }));
  await queryRunner.query(
    `INSERT INTO "${rebuilt}" (${names}) SELECT ${names} FROM "${REQUESTS}"`,
  );
  await queryRunner.dropTable(table);
  await queryRunner.query(`ALTER TABLE "${rebuilt}" RENAME TO "${REQUESTS}"`);
  // Loaded again: TypeORM keeps the tables it loaded for the rest of the run, and later
  // migrations must find this one, not the table that was dropped.
  const renamed = await requestsTable(queryRunner);
  for (const index of indices) {
    await queryRunner.createIndex(renamed, index.clone());
  }
}
