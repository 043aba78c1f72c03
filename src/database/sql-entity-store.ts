import type { DataSource } from 'typeorm';
import {
  type EntityClass,
  type EntitySelect,
  EntityStore,
  type EntitySubselect,
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
    return new SqlEntitySelect(this.sql, this.entitySqlOf(entity), (other) =>
      this.entitySqlOf(other),
    );
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

type EntitySqlOf = <U extends object>(entity: EntityClass<U>) => EntitySql<U>;

/**
 * The conditions of a read of one entity's rows, its values bound in `parameters`: a read's
 * own, or the enclosing read's for a subquery, so that placeholders number in text order.
 */
class SqlConditions<T extends object> {
  private readonly conditions: string[] = [];

  constructor(
    protected readonly entitySql: EntitySql<T>,
    protected readonly parameters: unknown[],
    private readonly entitySqlOf: EntitySqlOf,
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

  subselect<U extends object>(entity: EntityClass<U>): EntitySubselect {
    return new SqlEntitySubselect(
      this.entitySqlOf(entity),
      this.parameters,
      this.entitySqlOf,
    );
  }

  protected whereClause(): string {
    return this.conditions.length > 0
      ? ` WHERE ${this.conditions.map((condition) => `(${condition})`).join(' AND ')}`
      : '';
  }
}

class SqlEntitySelect<T extends object>
  extends SqlConditions<T>
  implements EntitySelect<T>
{
  private readonly order: string[] = [];

  constructor(
    private readonly sql: SqlClient,
    entitySql: EntitySql<T>,
    entitySqlOf: EntitySqlOf,
  ) {
    super(entitySql, [], entitySqlOf);
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
    return this.entitySql.read(this.sql, sql, parameters);
  }

  async count(): Promise<number> {
    const [row] = await this.sql.rows(
      `SELECT COUNT(*) AS total FROM ${this.entitySql.table}${this.whereClause()}`,
      [...this.parameters],
    );
    // PostgreSQL counts in bigint, which node-postgres hands over as text.
    return Number(row.total);
  }
}

/** A subquery of a `SqlEntitySelect`, its values bound among the enclosing read's parameters. */
class SqlEntitySubselect<T extends object>
  extends SqlConditions<T>
  implements EntitySubselect
{
  values(property: string): string {
    return `SELECT ${this.column(property)} FROM ${this.entitySql.table}${this.whereClause()}`;
  }
}
