import type {
  DataSource,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
} from 'typeorm';
import type { RowArrays, SqlSession } from './sql-client.js';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Plain SQL for one entity, derived once from TypeORM's metadata: table and column names,
 * placeholders, and the driver's own conversion of values both ways, so that the same SQL runs
 * on SQLite and PostgreSQL. For hot paths, where building each query through the query builder
 * cost more than running it (bench/README.md).
 */
export class EntitySql<T extends ObjectLiteral> {
  readonly table: string;
  /** `(col_a, col_b, …)` in the order `valuesOf` and `rowPlaceholders` use. */
  readonly columnList: string;
  private readonly columns: readonly ColumnMetadata[];
  private readonly columnsByProperty: ReadonlyMap<string, ColumnMetadata>;
  // Quoted once: statements are written on every call of a hot path (the cancel's UPDATE).
  private readonly quotedColumns: ReadonlyMap<string, string>;
  private readonly quotedInOrder: readonly string[];
  private readonly hydrators: readonly ColumnHydrator[];
  // Where each column stands in a read's arrays: the same for every call of one statement.
  private readonly placesByColumns = new WeakMap<
    readonly string[],
    readonly number[]
  >();

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
  ) {
    const metadata = dataSource.getMetadata(target);
    this.table = dataSource.driver.escape(metadata.tableName);
    this.columns = metadata.columns;
    this.columnsByProperty = new Map(
      metadata.columns.map((column) => [column.propertyName, column]),
    );
    this.quotedInOrder = metadata.columns.map((column) =>
      dataSource.driver.escape(column.databaseName),
    );
    this.quotedColumns = new Map(
      metadata.columns.map((column, index) => [
        column.propertyName,
        this.quotedInOrder[index],
      ]),
    );
    this.columnList = `(${this.quotedInOrder.join(', ')})`;
    this.hydrators = metadata.columns.map((column) =>
      hydratorOf(column, dataSource.driver),
    );
  }

  /** The quoted column of a property. */
  column(property: keyof T & string): string {
    const quoted = this.quotedColumns.get(property);
    if (quoted === undefined) {
      throw this.noColumnFor(property);
    }
    return quoted;
  }

  /** The quoted names of the primary key columns. */
  primaryKeyColumns(): string[] {
    return this.columns
      .filter((column) => column.isPrimary)
      .map((column) => this.dataSource.driver.escape(column.databaseName));
  }

  /** The quoted names of every column. */
  allColumns(): string[] {
    return [...this.quotedInOrder];
  }

  /** The placeholder of the parameter at `index` (0-based): `?` on SQLite, `$n` on PostgreSQL. */
  parameter(index: number): string {
    return this.dataSource.driver.createParameter(`p${index}`, index);
  }

  /** Where a property's column stands in `columnList` (0-based). */
  columnIndex(property: keyof T & string): number {
    return this.columns.indexOf(this.columnMetadata(property));
  }

  /** `(?, ?, …)` for one row whose first value is the parameter at `firstIndex`. */
  rowPlaceholders(firstIndex: number): string {
    return `(${this.columns.map((_, offset) => this.parameter(firstIndex + offset)).join(', ')})`;
  }

  /** An entity's values in `columnList` order, converted for the database. */
  valuesOf(entity: T): unknown[] {
    return this.columns.map((column): unknown =>
      this.dataSource.driver.preparePersistentValue(
        column.getEntityValue(entity),
        column,
      ),
    );
  }

  /** One value of a property, converted for the database as its column's values are. */
  valueOf(property: keyof T & string, value: unknown): unknown {
    return this.dataSource.driver.preparePersistentValue(
      value,
      this.columnMetadata(property),
    );
  }

  /** `col_a = ? AND col_b = ?`: each property equal to the parameter at its position (0-based). */
  whereEqual(properties: readonly (keyof T & string)[]): string {
    return properties
      .map(
        (property, index) =>
          `${this.column(property)} = ${this.parameter(index)}`,
      )
      .join(' AND ');
  }

  /**
   * The entities of rows read as arrays (`SELECT *`, or with more columns), each column found by
   * its name; where two columns share one, the last holds, as in a row read as an object.
   */
  hydrateAll({ columns, rows }: RowArrays): T[] {
    const places = this.placesIn(columns);
    return rows.map((values) => {
      const entity = {} as T;
      for (let index = 0; index < this.hydrators.length; index += 1) {
        this.hydrators[index](entity, values[places[index]]);
      }
      return entity;
    });
  }

  /** The entities a statement reads (`SELECT *`, or with more columns), through `session`. */
  async read(
    session: Pick<SqlSession, 'rowArrays'>,
    sql: string,
    parameters: readonly unknown[] = [],
  ): Promise<T[]> {
    return this.hydrateAll(await session.rowArrays(sql, parameters));
  }

  private placesIn(columns: readonly string[]): readonly number[] {
    let places = this.placesByColumns.get(columns);
    if (!places) {
      places = this.columns.map((column) =>
        columns.lastIndexOf(column.databaseName),
      );
      this.placesByColumns.set(columns, places);
    }
    return places;
  }

  private columnMetadata(property: string): ColumnMetadata {
    const column = this.columnsByProperty.get(property);
    if (!column) {
      throw this.noColumnFor(property);
    }
    return column;
  }

  private noColumnFor(property: string): Error {
    return new Error(`${this.table} has no column for ${property}`);
  }
}

type ColumnHydrator = (entity: ObjectLiteral, value: unknown) => void;

/**
 * Sets one column's value of a row on an entity, converted by the driver. A plain column is one
 * property, set directly, since TypeORM's general `setEntityValue` (embedded paths, relation
 * ids) was a twentieth of a list's CPU; any other column keeps TypeORM's own.
 */
function hydratorOf(
  column: ColumnMetadata,
  driver: DataSource['driver'],
): ColumnHydrator {
  if (column.embeddedMetadata || column.isVirtual || column.relationMetadata) {
    return (entity, value) =>
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  const property = column.propertyName;
  return (entity, value) => {
    entity[property] = driver.prepareHydratedValue(value, column) as unknown;
  };
}
