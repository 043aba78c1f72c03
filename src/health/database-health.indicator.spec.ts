import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import {
  SqlClient,
  type Row,
  type TransactionSession,
} from '../database/sql-client.js';
import { DatabaseHealthIndicator } from './database-health.indicator.js';

/** A SqlClient whose every statement does what `answer` does. */
class FakeSqlClient extends SqlClient {
  readonly statements: string[] = [];

  constructor(private readonly answer: () => Promise<Row[]>) {
    super();
  }

  rows(sql: string): Promise<Row[]> {
    this.statements.push(sql);
    return this.answer();
  }

  run(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }

  transaction<T>(
    _work: (session: TransactionSession) => Promise<T>,
  ): Promise<T> {
    return Promise.reject(new Error('not used'));
  }
}

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
});
