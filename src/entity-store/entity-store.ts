/** An entity class, as TypeORM declares it. */
export type EntityClass<T extends object> = new () => T;

/**
 * A read of one entity's rows, built by its caller and run by the database layer: the caller
 * writes the conditions, in the SQL both databases share, with the columns and placeholders
 * this read gives it; the database layer quotes the names, numbers the placeholders, converts
 * the values as it stores them, runs the statement in the calling code's unit of work, and
 * hands back entities. Its caller never holds a connection or a driver's value.
 */
export interface EntitySelect<T extends object> {
  /** The quoted column of an entity property, for the conditions of `where`. */
  column(property: string): string;
  /**
   * Binds a value compared with an entity property's column, converted as that column's values
   * are, and returns its placeholder. Placeholders are positional: bind values in the order
   * their placeholders appear in the conditions, conditions in the order they are added.
   */
  bind(property: string, value: unknown): string;
  /** Adds a condition that every row read must meet. */
  where(condition: string): this;
  /**
   * A read of another entity's rows within this read's conditions (`x IN (SELECT …)`): its
   * values are bound among this read's parameters, in the order their placeholders appear.
   */
  subselect<U extends object>(entity: EntityClass<U>): EntitySubselect;
  /** Orders the rows by an entity property, after the orders added before. */
  orderBy(property: string, direction: 'asc' | 'desc'): this;
  /** The entities of the rows meeting the conditions, in order: from `offset`, at most `limit`. */
  entities(page?: {
    readonly limit: number;
    readonly offset: number;
  }): Promise<T[]>;
  /** How many rows meet the conditions added so far. */
  count(): Promise<number>;
}

/** A read of another entity inside an `EntitySelect`'s conditions, written as SQL. */
export interface EntitySubselect {
  /** The quoted column of the entity's property; columns of the enclosing read are out of reach. */
  column(property: string): string;
  bind(property: string, value: unknown): string;
  where(condition: string): this;
  /** A read of another entity within this one's conditions, bound among the same parameters. */
  subselect<U extends object>(entity: EntityClass<U>): EntitySubselect;
  /** The SQL selecting `property` of the rows meeting the conditions, for `IN (…)`. */
  values(property: string): string;
}

/**
 * Reads entities for code that must not know the database (the API surfaces' OData reader):
 * declared here, provided by DatabaseModule, as `DependencyFailures` is.
 */
export abstract class EntityStore {
  /** A new read of `entity`'s rows, with no condition yet. */
  abstract select<T extends object>(entity: EntityClass<T>): EntitySelect<T>;
}
