import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as pause } from 'node:timers/promises';
import type {
  Pool,
  PoolClient,
  QueryArrayConfig,
  QueryArrayResult,
  QueryConfig,
} from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { GroupCommit, type SingleWriter } from './group-commit.js';
import {
  DatabaseNotOpenError,
  isDatabaseUnavailable,
  isSqliteBusy,
  isStalePreparedStatement,
} from './database-errors.js';
import { PreparedStatementNames } from './prepared-statement-names.js';

export type Row = Record<string, unknown>;

/**
 * Rows as arrays of values, each in the order of `columns`: what entity reads hydrate from. The
 * drivers build no object per row with a property per column, a third of the cost of reading a
 * request by its key on SQLite (bench/README.md).
 */
export interface RowArrays {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Plain SQL statements, with the placeholders of the database (see EntitySql). */
export interface SqlSession {
  /** The rows a statement returns: a SELECT, or a write with RETURNING. */
  rows(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** The same rows as arrays of values, with the names of their columns. */
  rowArrays(sql: string, parameters?: readonly unknown[]): Promise<RowArrays>;
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
  private writeFailure: unknown;
  // The transaction the current async call chain runs in: its statements go to it.
  private readonly ambient = new AsyncLocalStorage<AmbientTransaction>();
  private openTransactions = 0;

  /** The rows of a statement: in the transaction of the calling code, if it runs in one. */
  rows(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    const session = this.currentSession();
    return (session ?? this.outsideTransactions).rows(sql, parameters);
  }

  /** `rows`, as arrays of values: in the transaction of the calling code, if it runs in one. */
  rowArrays(
    sql: string,
    parameters: readonly unknown[] = [],
  ): Promise<RowArrays> {
    const session = this.currentSession();
    return (session ?? this.outsideTransactions).rowArrays(sql, parameters);
  }

  /** Runs a statement: in the transaction of the calling code, if it runs in one. */
  run(sql: string, parameters: readonly unknown[] = []): Promise<number> {
    const session = this.currentSession();
    return (session ?? this.outsideTransactions).run(sql, parameters);
  }

  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. Every
   * statement of this client that `work` makes, directly or through the repositories it calls,
   * runs in it; a transaction begun inside another is part of it.
   */
  async transaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    const current = this.currentSession();
    if (current) {
      return work(current);
    }
    try {
      const result = await this.runTransaction((session) =>
        this.inAmbient(session, work),
      );
      this.writeFailure = undefined;
      return result;
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        this.writeFailure = error;
      }
      throw error;
    }
  }

  /**
   * Holds `key` until the calling code's transaction ends, once no other transaction holds it
   * (see TransactionSession.serialize). Only inside a transaction.
   */
  serialize(key: string): Promise<void> {
    const session = this.currentSession();
    if (!session) {
      throw new Error(`serialize('${key}') needs a transaction.`);
    }
    return session.serialize(key);
  }

  /** Where a statement goes when the calling code runs in no transaction. */
  protected abstract readonly outsideTransactions: SqlSession;

  private currentSession(): TransactionSession | undefined {
    const transaction = this.ambient.getStore();
    return transaction?.open ? transaction.session : undefined;
  }

  /**
   * Runs `work` with `session` as the ambient transaction. Work that `work` leaves running (a
   * timer, a promise not awaited) keeps the context past the end: closed, its statements then
   * run outside, never on a connection handed back to the pool.
   */
  private async inAmbient<T>(
    session: TransactionSession,
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    const transaction: AmbientTransaction = { session, open: true };
    this.openTransactions += 1;
    try {
      return await this.ambient.run(transaction, () => work(session));
    } finally {
      transaction.open = false;
      this.openTransactions -= 1;
      if (this.openTransactions === 0) {
        // Before Node.js 24, a storage in use turns on promise hooks, and every promise of the
        // process pays for them (GET 40 % of bench's reference with them on; a loop of awaits
        // 2.7 times slower): with no transaction open, no context is worth carrying.
        this.ambient.disable();
      }
    }
  }

  /**
   * Why the last write failed, while the database has not taken one since: a database that
   * still answers reads can be out of disk space, read-only or locked by another process.
   */
  get failingWrites(): unknown {
    return this.writeFailure;
  }

  /**
   * Writes and removes a page-sized row in one committed transaction: what any write needs
   * (a new page, the journal, the file) without leaving anything behind.
   */
  async probeWrites(): Promise<void> {
    await this.transaction(async (session) => {
      await session.run(this.probeInsert);
      await session.run(`DELETE FROM ${WRITE_PROBES}`);
    });
  }

  protected abstract readonly probeInsert: string;

  protected abstract runTransaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T>;

  /**
   * The driver's connection (or pool) is looked up at each call, not kept: after the data source
   * is closed and opened again (the database went away and came back), calls use the new one.
   */
  static for(dataSource: DataSource, config: DatabaseConfig): SqlClient {
    return config.type === 'postgres'
      ? new PostgresSqlClient(
          dataSource.driver as unknown as { master: Pool },
          config.preparedStatements,
        )
      : new SqliteSqlClient(
          dataSource.driver as unknown as { databaseConnection: Database },
          config.busyTimeoutMs,
        );
  }
}

// Created by CreateDatabaseWriteProbes1764400001300; one page of SQLite's default size.
const WRITE_PROBES = 'database_write_probes';
const PROBE_BYTES = 4096;

// Transactions committed together at most: enough for every connection of a busy client pool.
const LARGEST_COMMIT_GROUP = 100;
// Waits between attempts to take SQLite's write lock: short at first, as most locks are.
const FIRST_BUSY_PAUSE_MS = 2;
const LONGEST_BUSY_PAUSE_MS = 50;

interface AmbientTransaction {
  readonly session: TransactionSession;
  open: boolean;
}

/**
 * better-sqlite3: synchronous calls on one connection, statements prepared once. Its busy
 * timeout would wait for another process's lock (the seed command, a backup) on the event loop,
 * freezing every request: it is 0 here, and a locked database is tried again after a pause.
 */
class SqliteSqlClient extends SqlClient {
  protected readonly probeInsert = `INSERT INTO ${WRITE_PROBES} (filler) VALUES (zeroblob(${PROBE_BYTES}))`;
  private readonly statements = new LRUCache<string, PreparedStatement>({
    max: 500,
  });

  // Transactions run one at a time and hold the write lock: nothing more to serialize or wait for.
  private readonly session: TransactionSession = {
    rows: (sql, parameters = []) =>
      settled(
        () =>
          this.prepared(sql)
            .statement.raw(false)
            .all(...bindable(parameters)) as Row[],
      ),
    rowArrays: (sql, parameters = []) =>
      settled(() => this.arraysOf(sql, parameters)),
    run: (sql, parameters = []) =>
      settled(
        () => this.prepared(sql).statement.run(...bindable(parameters)).changes,
      ),
    serialize: () => Promise.resolve(),
  };

  // SQLite has one writer and TypeORM one shared connection: transactions take turns, or two
  // requests' statements would interleave inside each other's BEGIN … COMMIT. Those that wait
  // for their turn are committed together (GroupCommit).
  private readonly groups = new GroupCommit(
    this.singleWriter(),
    LARGEST_COMMIT_GROUP,
  );

  private preparedOn?: Database;

  constructor(
    private readonly driver: { databaseConnection: Database },
    private readonly busyTimeoutMs: number,
  ) {
    super();
  }

  // Outside a transaction a statement waits for another process's lock as BEGIN does.
  protected readonly outsideTransactions: SqlSession = {
    rows: (sql, parameters) =>
      this.whileBusy(() => this.session.rows(sql, parameters), this.deadline()),
    rowArrays: (sql, parameters) =>
      this.whileBusy(
        () => this.session.rowArrays(sql, parameters),
        this.deadline(),
      ),
    run: (sql, parameters) =>
      this.whileBusy(() => this.session.run(sql, parameters), this.deadline()),
  };

  protected runTransaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    return this.groups.run(work, this.deadline());
  }

  private singleWriter(): SingleWriter<TransactionSession> {
    const run = (sql: string) => () => {
      this.prepared(sql).statement.run();
    };
    return {
      session: this.session,
      // IMMEDIATE takes the write lock now, so another process (the seed command) cannot make
      // the transaction fail half-way when it first writes.
      begin: (deadline) =>
        this.whileBusy(
          () => this.session.run('BEGIN IMMEDIATE'),
          deadline,
        ).then(() => undefined),
      isLockTimeout: isSqliteBusy,
      savepoint: run('SAVEPOINT one_of_a_group'),
      release: run('RELEASE one_of_a_group'),
      rollbackToSavepoint: run('ROLLBACK TO one_of_a_group'),
      commit: run('COMMIT'),
      rollback: run('ROLLBACK'),
      inTransaction: () => this.openConnection?.inTransaction === true,
    };
  }

  private deadline(): number {
    return performance.now() + this.busyTimeoutMs;
  }

  /** Runs `attempt`, and again while the database is locked, until `deadline`. */
  private whileBusy<T>(
    attempt: () => Promise<T>,
    deadline: number,
  ): Promise<T> {
    return attempt().catch((error: unknown) =>
      this.retryWhileBusy(error, deadline, attempt),
    );
  }

  /** Tries `attempt` again while the database is locked, until `deadline`; other failures stand. */
  private async retryWhileBusy<T>(
    failure: unknown,
    deadline: number,
    attempt: () => Promise<T>,
  ): Promise<T> {
    let wait = FIRST_BUSY_PAUSE_MS;
    for (
      let error = failure;
      ;
      wait = Math.min(wait * 2, LONGEST_BUSY_PAUSE_MS)
    ) {
      if (!isSqliteBusy(error) || performance.now() + wait > deadline) {
        throw error;
      }
      await pause(wait);
      try {
        return await attempt();
      } catch (next) {
        error = next;
      }
    }
  }

  private get connection(): Database {
    const connection = this.openConnection;
    if (!connection) {
      throw new DatabaseNotOpenError();
    }
    return connection;
  }

  /** The driver's connection while it is open; none before TypeORM opens it or once closed. */
  private get openConnection(): Database | undefined {
    const connection = this.driver.databaseConnection as Database | undefined;
    return connection?.open ? connection : undefined;
  }

  /** A text's statement, prepared on the open connection the first time it runs. */
  private prepared(sql: string): PreparedStatement {
    const connection = this.preparingOn();
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = { statement: connection.prepare(sql) };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  // One statement serves both shapes of rows: better-sqlite3's raw mode switches it to arrays.
  private arraysOf(sql: string, parameters: readonly unknown[]): RowArrays {
    const prepared = this.prepared(sql);
    const rows = prepared.statement
      .raw(true)
      .all(...bindable(parameters)) as unknown[][];
    // SQLite prepares a statement again by itself when its tables change (a migration run by
    // another process); `*` then gives other columns than those read when it was first prepared.
    if (
      !prepared.columns ||
      (rows.length > 0 && rows[0].length !== prepared.columns.length)
    ) {
      prepared.columns = columnsOf(prepared.statement);
    }
    return { columns: prepared.columns, rows };
  }

  /** The open connection; the statements prepared on another (closed) one are dropped. */
  private preparingOn(): Database {
    const connection = this.connection;
    if (connection !== this.preparedOn) {
      this.statements.clear();
      connection.pragma('busy_timeout = 0');
      this.preparedOn = connection;
    }
    return connection;
  }
}

/** A prepared statement, and the names of its columns once it has returned arrays. */
interface PreparedStatement {
  readonly statement: Statement;
  columns?: readonly string[];
}

function columnsOf(statement: Statement): string[] {
  return statement.columns().map((column) => column.name);
}

/** node-postgres: statements on the pool; a transaction holds one pooled connection. */
class PostgresSqlClient extends SqlClient {
  protected readonly probeInsert = `INSERT INTO ${WRITE_PROBES} (filler) VALUES (decode(repeat('00', ${PROBE_BYTES}), 'hex'))`;
  private readonly statements: Statements;
  // On the pool a statement refused as stale is tried again at once, on whichever connection.
  protected readonly outsideTransactions: SqlSession;

  constructor(
    private readonly driver: { master: Pool },
    preparedStatements: number,
  ) {
    super();
    this.statements = new Statements(
      new PreparedStatementNames(preparedStatements),
    );
    this.outsideTransactions = sessionOn(() => this.pool, this.statements, {
      againIfStale: true,
    });
  }

  private get pool(): Pool {
    const pool = this.driver.master as Pool | undefined;
    if (!pool) {
      throw new DatabaseNotOpenError();
    }
    return pool;
  }

  protected async runTransaction<T>(
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
      const result = await work({
        ...sessionOn(() => connection, this.statements, {
          againIfStale: false,
        }),
        // An advisory lock of the transaction: released at its COMMIT or ROLLBACK.
        serialize: async (key) => {
          await connection.query(
            'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
            [key],
          );
        },
      });
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

/**
 * The statements of the pool or of one transaction's connection. A statement PostgreSQL refused
 * as stale loses its name; in a transaction it cannot be tried again (PostgreSQL aborted the
 * transaction), so only the transactions after it see the statement prepared afresh.
 */
function sessionOn(
  queryable: () => Pool | PoolClient,
  statements: Statements,
  { againIfStale }: { readonly againIfStale: boolean },
): SqlSession {
  const guarded = <T>(sql: string, query: () => Promise<T>) =>
    statements.guarded(sql, query, againIfStale);
  return {
    rows: (sql, parameters = []) =>
      guarded(
        sql,
        async () =>
          (await queryable().query<Row>(statements.of(sql, parameters))).rows,
      ),
    rowArrays: (sql, parameters = []) =>
      guarded(sql, async () =>
        statements.asRowArrays(
          sql,
          await queryable().query(statements.ofArrays(sql, parameters)),
        ),
      ),
    run: (sql, parameters = []) =>
      guarded(
        sql,
        async () =>
          (await queryable().query(statements.of(sql, parameters))).rowCount ??
          0,
      ),
  };
}

/** node-postgres's queries of statement texts, named while PreparedStatementNames has room. */
class Statements {
  // The column names of named texts' results: as many as there are names, forgotten with them.
  private readonly columns = new Map<string, readonly string[]>();

  constructor(private readonly names: PreparedStatementNames) {}

  of(sql: string, parameters: readonly unknown[]): QueryConfig {
    const name = this.names.nameOf(sql);
    return { ...(name && { name }), text: sql, values: [...parameters] };
  }

  ofArrays(sql: string, parameters: readonly unknown[]): QueryArrayConfig {
    return { ...this.of(sql, parameters), rowMode: 'array' };
  }

  /**
   * Runs `query`. If PostgreSQL refused the text's prepared statement as stale, forgets its name
   * and, when `again`, runs it once more under a new one.
   */
  async guarded<T>(
    sql: string,
    query: () => Promise<T>,
    again: boolean,
  ): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (!isStalePreparedStatement(error)) {
        throw error;
      }
      this.names.forget(sql);
      this.columns.delete(sql);
      if (!again) {
        throw error;
      }
      return query();
    }
  }

  /**
   * The rows of a result, with the same array of column names for every call of a named text
   * while its columns stay the same: EntitySql keeps where its columns stand by that array.
   */
  asRowArrays(sql: string, result: QueryArrayResult): RowArrays {
    const names = result.fields.map((field) => field.name);
    const known = this.columns.get(sql);
    const columns =
      known?.length === names.length &&
      known.every((name, index) => name === names[index])
        ? known
        : names;
    if (columns !== known && this.names.isNamed(sql)) {
      this.columns.set(sql, columns);
    }
    return { columns, rows: result.rows };
  }
}

/** The outcome of a synchronous call as a promise: a throw becomes a rejection. */
function settled<T>(call: () => T): Promise<T> {
  return new Promise((resolve) => resolve(call()));
}

/** better-sqlite3 binds null, not undefined. */
function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => value ?? null);
}
