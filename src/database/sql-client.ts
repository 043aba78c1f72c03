import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';

export type Row = Record<string, unknown>;

/** Plain SQL statements, with the placeholders of the database (see EntitySql). */
export interface SqlSession {
  /** The rows a statement returns: a SELECT, or a write with RETURNING. */
  rows(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, parameters?: readonly unknown[]): Promise<number>;
}

/**
 * Runs the service's own SQL on the connection TypeORM opened. TypeORM still owns the schema
 * (migrations, entity metadata); the requests' statements go straight to the driver because
 * TypeORM's query and transaction machinery cost more than the statements themselves (cancel:
 * 2,240 -> 2,960 requests/s, bench/README.md). Statements are prepared once and reused.
 */
@Injectable()
export class SqlClient implements SqlSession {
  private readonly connection: Database;
  private readonly statements = new LRUCache<string, Statement>({ max: 500 });
  // SQLite has one writer and TypeORM one shared connection: transactions take turns, or two
  // requests' statements would interleave inside each other's BEGIN … COMMIT.
  private readonly turns = new Mutex();

  constructor(dataSource: DataSource) {
    this.connection = (
      dataSource.driver as unknown as { databaseConnection: Database }
    ).databaseConnection;
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

  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.turns.runExclusive(async () => {
      // IMMEDIATE takes the write lock now, so another process (the seed command) cannot make
      // this transaction fail half-way when it first writes.
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        this.statement('ROLLBACK').run();
        throw error;
      }
    });
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 binds null, not undefined. */
function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => value ?? null);
}
