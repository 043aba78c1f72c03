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
  private readonly sequenceAt: number;
  private readonly insertSql: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
    target: EntityTarget<T>,
    private readonly subject: readonly (keyof T & string)[],
  ) {
    const records = new EntitySql(dataSource, target);
    this.records = records;
    this.sequenceAt = records.columnIndex('sequence');
    // One statement: the database numbers the record from its subject's last, in the VALUES
    // (a SELECT and an INSERT cost the cancel two round trips through the SqlClient).
    let next = 0;
    const values = records
      .allColumns()
      .map((_column, index) =>
        index === this.sequenceAt
          ? `(SELECT COALESCE(MAX(${records.column('sequence')}), 0) + 1 FROM ${records.table} WHERE ${subject
              .map(
                (property) =>
                  `${records.column(property)} = ${records.parameter(next++)}`,
              )
              .join(' AND ')})`
          : records.parameter(next++),
      );
    this.insertSql = `INSERT INTO ${records.table} ${records.columnList} VALUES (${values.join(', ')})`;
  }

  /** Appends the record after its subject's others, in the caller's unit of work. */
  async append(record: Omit<T, 'sequence'>): Promise<void> {
    const values = this.records.valuesOf({ ...record, sequence: 0 } as T);
    await this.sql.run(this.insertSql, [
      ...values.slice(0, this.sequenceAt),
      ...this.subject.map((property) =>
        this.records.valueOf(property, (record as T)[property]),
      ),
      ...values.slice(this.sequenceAt + 1),
    ]);
  }
}
