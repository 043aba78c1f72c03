import { Mutex } from 'async-mutex';
import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { DatabaseNotOpenError } from './database-errors.js';

export type Row = Record<string, unknown>;

/** Plain SQL statements, with the placeholders of the database (see EntitySql). */
export interface SqlSession {
  /** The rows a statement returns: a SELECT, or a write with RETURNING. */
  rows(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, parameters?: readonly unknown[]): Promise<number>;
}

/** The session of one transaction. */
export interface TransactionSession extends SqlSession {
  /**
   * Waits until no other transaction holds `key`, then holds it until this one ends: for
   * checks that read before they write (no other pending request, no assignment yet), which
   * two concurrent transactions would otherwise both pass.
   */
  serialize(key: string): Promise<void>;
}

/**
 * Runs the service's own SQL on the connections TypeORM opened. TypeORM owns the schema
 * (migrations, entity metadata); the statements go straight to the driver because TypeORM's
 * query and transaction machinery cost more than the statements themselves (cancel: 2,240 ->
 * 2,960 requests/s on SQLite, bench/README.md).
 */
export abstract class SqlClient implements SqlSession {
  abstract rows(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  abstract run(sql: string, parameters?: readonly unknown[]): Promise<number>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  abstract transaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T>;

  /**
   * The driver's connection (or pool) is looked up at each call, not kept: after the data source
   * is closed and opened again (the database went away and came back), calls use the new one.
   */
  static for(dataSource: DataSource): SqlClient {
    return dataSource.options.type === 'postgres'
      ? new PostgresSqlClient(dataSource.driver as unknown as { master: Pool })
      : new SqliteSqlClient(
          dataSource.driver as unknown as { databaseConnection: Database },
        );
  }
}

/** better-sqlite3: synchronous calls on one connection, statements prepared once. */
class SqliteSqlClient extends SqlClient {
  private readonly statements = new LRUCache<string, Statement>({ max: 500 });
  // SQLite has one writer and TypeORM one shared connection: transactions take turns, or two
  // requests' statements would interleave inside each other's BEGIN … COMMIT.
  private readonly turns = new Mutex();

  // Transactions already run one at a time: there is nothing more to serialize.
  private readonly session: TransactionSession = {
    rows: (sql, parameters) => this.rows(sql, parameters),
    run: (sql, parameters) => this.run(sql, parameters),
    serialize: () => Promise.resolve(),
  };

  private preparedOn?: Database;

  constructor(private readonly driver: { databaseConnection: Database }) {
    super();
  }

  rows(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    return Promise.resolve(
      this.statement(sql).all(...bindable(parameters)) as Row[],
    );
  }

  run(sql: string, parameters: readonly unknown[] = []): Promise<number> {
    return Promise.resolve(
      this.statement(sql).run(...bindable(parameters)).changes,
    );
  }

  transaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    return this.turns.runExclusive(async () => {
      // IMMEDIATE takes the write lock now, so another process (the seed command) cannot make
      // this transaction fail half-way when it first writes.
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.session);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        this.statement('ROLLBACK').run();
        throw error;
      }
    });
  }

  private statement(sql: string): Statement {
    const connection = this.driver.databaseConnection as Database | undefined;
    if (!connection?.open) {
      throw new DatabaseNotOpenError();
    }
    if (connection !== this.preparedOn) {
      this.statements.clear();
      this.preparedOn = connection;
    }
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** node-postgres: statements on the pool; a transaction holds one pooled connection. */
class PostgresSqlClient extends SqlClient {
  constructor(private readonly driver: { master: Pool }) {
    super();
  }

  private get pool(): Pool {
    const pool = this.driver.master as Pool | undefined;
    if (!pool) {
      throw new DatabaseNotOpenError();
    }
    return pool;
  }

  async rows(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, [...parameters])).rows;
  }

  async run(sql: string, parameters: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, [...parameters])).rowCount ?? 0;
  }

  async transaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    const connection = await this.pool.connect();
    // A connection lost while checked out emits 'error'; without a listener that would end the
    // process. The failed query reports the loss to the caller; the pool must drop the client.
    let broken: Error | undefined;
    const onLost = (error: Error) => {
      broken = error;
    };
    connection.on('error', onLost);
    try {
      await connection.query('BEGIN');
      const result = await work(sessionOn(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: Error) => {
        broken ??= rollbackError;
      });
      throw error;
    } finally {
      connection.off('error', onLost);
      // With an error, the pool destroys the client instead of handing it out again.
      connection.release(broken);
    }
  }
}

function sessionOn(connection: PoolClient): TransactionSession {
  return {
    rows: async (sql, parameters = []) =>
      (await connection.query<Row>(sql, [...parameters])).rows,
    run: async (sql, parameters = []) =>
      (await connection.query(sql, [...parameters])).rowCount ?? 0,
    // An advisory lock of the transaction: released at its COMMIT or ROLLBACK.
    serialize: async (key) => {
      await connection.query(
        'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
        [key],
      );
    },
  };
}

/** better-sqlite3 binds null, not undefined. */
function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => value ?? null);
}
