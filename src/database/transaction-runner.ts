import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction.
 *
 * TypeORM drives SQLite through a single shared connection: two transactions started at once
 * would interleave their statements on it (and fail with "cannot start a transaction within a
 * transaction"). SQLite admits one writer at a time anyway, so on SQLite transactions queue.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqliteQueue = new Mutex();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'better-sqlite3') {
      return this.sqliteQueue.runExclusive(() =>
        this.dataSource.transaction(work),
      );
    }
    return this.dataSource.transaction(work);
  }
}
