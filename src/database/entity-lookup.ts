import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntitySql } from './entity-sql.js';
import type { SqlClient } from './sql-client.js';

/**
 * One entity by the values of a fixed set of its columns (its key, usually), with the statement
 * written once: what a module exports so that its siblings read its table without writing SQL
 * against it. Runs in the caller's unit of work when one is open.
 */
export class EntityLookup<T extends ObjectLiteral> {
  private readonly entity: EntitySql<T>;
  private readonly statement: string;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
    target: EntityTarget<T>,
    by: readonly (keyof T & string)[],
  ) {
    this.entity = new EntitySql(dataSource, target);
    this.statement = `SELECT * FROM ${this.entity.table} WHERE ${this.entity.whereEqual(by)} LIMIT 1`;
  }

  /** The entity whose columns equal `values`, in the order the lookup was made with. */
  async find(...values: readonly string[]): Promise<T | undefined> {
    const [entity] = await this.entity.read(this.sql, this.statement, values);
    return entity;
  }
}
