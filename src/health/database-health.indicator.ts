import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SqlClient } from '../database/sql-client.js';

/** How long the database may take to answer before it counts as down. */
export const DATABASE_CHECK_TIMEOUT_MS = 1000;

/**
 * The database answers `SELECT 1` on the connection (pool) the requests use and, while writes
 * fail, takes a write again (a full disk or a read-only file still answers reads). A failure is
 * reported as a fixed message, the driver's own (host names, user names) only to the log: the
 * health routes are open to everyone.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly logger = new Logger(DatabaseHealthIndicator.name);

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly sql: SqlClient,
  ) {}

  check(key: string, timeoutMs = DATABASE_CHECK_TIMEOUT_MS) {
    return this.health
      .check(key)
      .attempt(async () => {
        try {
          await this.sql.rows('SELECT 1');
        } catch (error) {
          this.logger.warn(
            `The database did not answer: ${(error as Error).message}`,
          );
          throw new Error('The database did not answer.', { cause: error });
        }
        if (this.sql.failingWrites === undefined) {
          return;
        }
        try {
          await this.sql.probeWrites();
        } catch (error) {
          this.logger.warn(
            `The database does not take writes: ${(error as Error).message}`,
          );
          throw new Error('The database does not take writes.', {
            cause: error,
          });
        }
      })
      .withTimeout(timeoutMs);
  }
}
