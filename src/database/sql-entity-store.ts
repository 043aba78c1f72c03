import type { DataSource } from 'typeorm';
import {
  type EntityClass,
  type EntitySelect,
  EntityStore,
} from '../entity-store/entity-store.js';
import { EntitySql } from './entity-sql.js';
import type { SqlClient } from './sql-client.js';

/**
 * The entity reads of code that does not know the database, on the SqlClient: in the calling
 * code's unit of work, and on SQLite through its prepared statements, which only repeat when a
 * read's text does: every value is bound, never written into the SQL.
 */
export class SqlEntityStore extends EntityStore {
  private readonly entitySql = new Map<
    EntityClass<object>,
    EntitySql<object>
  >();

  constructor(
    private readonly dataSource: DataSource,
    private readonly sql: SqlClient,
  ) {
    super();
  }

  select<T extends object>(entity: EntityClass<T>): EntitySelect<T> {
    return new SqlEntitySelect(this.sql, this.entitySqlOf(entity));
  }

  private entitySqlOf<T extends object>(entity: EntityClass<T>): EntitySql<T> {
    let entitySql = this.entitySql.get(entity);
    if (!entitySql) {
      entitySql = new EntitySql(this.dataSource, entity);
      this.entitySql.set(entity, entitySql);
    }
    return entitySql as EntitySql<T>;
  }
}

type Property<T> = keyof T & string;

class SqlEntitySelect<T extends object> implements EntitySelect<T> {
  private readonly conditions: string[] = [];
  private readonly order: string[] = [];
  private readonly parameters: unknown[] = [];

  constructor(
    private readonly sql: SqlClient,
    private readonly entitySql: EntitySql<T>,
  ) {}

  column(property: string): string {
    return this.entitySql.column(property as Property<T>);
  }

  bind(property: string, value: unknown): string {
    this.parameters.push(
      this.entitySql.valueOf(property as Property<T>, value),
    );
    return this.entitySql.parameter(this.parameters.length - 1);
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  orderBy(property: string, direction: 'asc' | 'desc'): this {
    this.order.push(
      `${this.column(property)} ${direction === 'asc' ? 'ASC' : 'DESC'}`,
    );
    return this;
  }

  async entities(page?: {
    readonly limit: number;
    readonly offset: number;
  }): Promise<T[]> {
    const parameters = [...this.parameters];
    let sql = `SELECT * FROM ${this.entitySql.table}${this.whereClause()}`;
    if (this.order.length > 0) {
      sql += ` ORDER BY ${this.order.join(', ')}`;
    }
    if (page) {
      // Bound, not written: every page size and offset shares one prepared statement.
      sql += ` LIMIT ${this.entitySql.parameter(parameters.length)} OFFSET ${this.entitySql.parameter(parameters.length + 1)}`;
      parameters.push(page.limit, page.offset);
    }
    const rows = await this.sql.rows(sql, parameters);
    return rows.map((row) => this.entitySql.hydrate(row));
  }

  async count(): Promise<number> {
    const [row] = await this.sql.rows(
      `SELECT COUNT(*) AS total FROM ${this.entitySql.table}${this.whereClause()}`,
      [...this.parameters],
    );
    // PostgreSQL counts in bigint, which node-postgres hands over as text.
    return Number(row.total);
  }

  private whereClause(): string {
    return this.conditions.length > 0
      ? ` WHERE ${this.conditions.map((condition) => `(${condition})`).join(' AND ')}`
      : '';
  }
}
