import type { DataSource, EntityTarget } from 'typeorm';
import { EntitySql } from './entity-sql.js';
import type { SqlClient } from './sql-client.js';

interface Numbered {
  sequence: number;
}

/**
 * An append-only table whose records are numbered one after another per subject (the audit of
 * a request, of a setting): a new record takes the number after its subject's last. The caller's
 * unit of work must hold the subject (its row, or UnitOfWork.serialize) so that no other record
 * can take the same number; the clock cannot order records written at one reading of it.
 */
export class NumberedLog<T extends Numbered> {
  private readonly records: EntitySql<T>;
  private readonly lastSql: string;
  private readonly insertSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
    target: EntityTarget<T>,
    private readonly subject: readonly (keyof T & string)[],
  ) {
    const records = new EntitySql(dataSource, target);
    this.records = records;
    this.lastSql = `SELECT COALESCE(MAX(${records.column('sequence')}), 0) AS sequence FROM ${records.table} WHERE ${records.whereEqual(subject)}`;
    this.insertSql = `INSERT INTO ${records.table} ${records.columnList} VALUES ${records.rowPlaceholders(0)}`;
  }

  /** Appends the record after its subject's others, in the caller's unit of work. */
  async append(record: Omit<T, 'sequence'>): Promise<void> {
    const [last] = await this.sql.rows(
      this.lastSql,
      this.subject.map((property) => (record as T)[property]),
    );
    await this.sql.run(
      this.insertSql,
      this.records.valuesOf({
        ...record,
        sequence: Number(last.sequence) + 1,
      } as T),
    );
  }
}
