import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import {
  SqlClient,
  type Row,
  type SqlSession,
  type TransactionSession,
} from '../database/sql-client.js';
import { DatabaseHealthIndicator } from './database-health.indicator.js';

/** A SqlClient whose every read does what `answer` does, and every write what `write` does. */
class FakeSqlClient extends SqlClient {
  readonly statements: string[] = [];
  protected readonly probeInsert = 'INSERT probe';
  write: () => Promise<void> = () => Promise.resolve();

  constructor(private readonly answer: () => Promise<Row[]>) {
    super();
  }

  protected readonly outsideTransactions: SqlSession = {
    rows: (sql) => {
      this.statements.push(sql);
      return this.answer();
    },
    rowArrays: async (sql) => {
      const rows = await this.outsideTransactions.rows(sql);
      const columns = Object.keys(rows[0] ?? {});
      return { columns, rows: rows.map((row) => columns.map((c) => row[c])) };
    },
    run: (sql) => {
      this.statements.push(sql);
      return this.write().then(() => 1);
    },
  };

  protected runTransaction<T>(
    work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    return work({
      ...this.outsideTransactions,
      serialize: () => Promise.resolve(),
    });
  }
}

const DISK_FULL = Object.assign(new Error('database or disk is full'), {
  code: 'SQLITE_FULL',
});

describe('DatabaseHealthIndicator', () => {
  const warnings: string[] = [];

  beforeAll(() => {
    Logger.overrideLogger({
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => {
        warnings.push(String(message));
      },
    });
  });
  afterAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    warnings.length = 0;
  });

  function indicator(sql: SqlClient) {
    return new DatabaseHealthIndicator(new HealthIndicatorService(), sql);
  }

  it('is up when the database answers SELECT 1', async () => {
    const sql = new FakeSqlClient(() => Promise.resolve([{ '1': 1 }]));

    const result = await indicator(sql).check('database');

    expect(result).toEqual({
      database: { status: 'up', responseTime: expect.any(Number) },
    });
    expect(sql.statements).toEqual(['SELECT 1']);
  });

  it("is down with a fixed message when the statement fails; the driver's message goes to the log only", async () => {
    const sql = new FakeSqlClient(() =>
      Promise.reject(
        new Error('connect ECONNREFUSED 10.1.2.3:5432 (user pim_admin)'),
      ),
    );

    const result = await indicator(sql).check('database');

    expect(result).toEqual({
      database: {
        status: 'down',
        message: 'The database did not answer.',
        responseTime: expect.any(Number),
      },
    });
    expect(JSON.stringify(result)).not.toContain('10.1.2.3');
    expect(warnings).toEqual([
      'The database did not answer: connect ECONNREFUSED 10.1.2.3:5432 (user pim_admin)',
    ]);
  });

  it('is down when the database does not answer in time', async () => {
    const sql = new FakeSqlClient(() => new Promise<Row[]>(() => undefined));

    const result = await indicator(sql).check('database', 50);

    expect(result).toEqual({
      database: {
        status: 'down',
        message: 'timeout of 50ms exceeded',
        responseTime: expect.any(Number),
      },
    });
  });

  describe('after a write failed because of the database', () => {
    async function failingWrites(): Promise<FakeSqlClient> {
      const sql = new FakeSqlClient(() => Promise.resolve([{ '1': 1 }]));
      sql.write = () => Promise.reject(DISK_FULL);
      await expect(
        sql.transaction((session) => session.run('INSERT a request')),
      ).rejects.toBe(DISK_FULL);
      sql.statements.length = 0;
      return sql;
    }

    it('is down while a write does not go through, though reads answer; the cause goes to the log only', async () => {
      const sql = await failingWrites();

      const result = await indicator(sql).check('database');

      expect(result).toEqual({
        database: {
          status: 'down',
          message: 'The database does not take writes.',
          responseTime: expect.any(Number),
        },
      });
      expect(sql.statements).toEqual(['SELECT 1', 'INSERT probe']);
      expect(warnings).toEqual([
        'The database does not take writes: database or disk is full',
      ]);
    });

    it('is up again once a write goes through, and stops writing', async () => {
      const sql = await failingWrites();
      sql.write = () => Promise.resolve();

      expect((await indicator(sql).check('database')).database.status).toBe(
        'up',
      );
      expect(sql.statements).toEqual([
        'SELECT 1',
        'INSERT probe',
        'DELETE FROM database_write_probes',
      ]);
      sql.statements.length = 0;
      await indicator(sql).check('database');
      expect(sql.statements).toEqual(['SELECT 1']);
    });

    it('keeps writes failing for readiness only for failures of the database, not of the work', async () => {
      const sql = new FakeSqlClient(() => Promise.resolve([{ '1': 1 }]));

      await expect(
        sql.transaction(() => Promise.reject(new Error('a rule refused it'))),
      ).rejects.toThrow('a rule refused it');

      expect(sql.failingWrites).toBeUndefined();
    });
  });
});
