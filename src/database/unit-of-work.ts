import { Injectable } from '@nestjs/common';
import { SqlClient } from './sql-client.js';

/**
 * How services own transactions: a business step runs in `run`, and every statement the
 * repositories make inside it, however deep, is part of that one transaction (AsyncLocalStorage
 * carries it), so that repositories take no session and services hand them no callbacks.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly sql: SqlClient) {}

  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.sql.transaction(() => work());
  }

  /**
   * Waits until no other transaction holds `key`, then holds it until this one ends: for a
   * check that reads before it writes, which two concurrent transactions would otherwise pass.
   */
  serialize(key: string): Promise<void> {
    return this.sql.serialize(key);
  }
}
