import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isSqliteBusy } from './database-errors.js';

function sqliteFailure(code: string): QueryFailedError {
  return new QueryFailedError(
    'SELECT 1',
    [],
    Object.assign(new Error(code), { code }),
  );
}

describe('isDatabaseUnavailable', () => {
  it.each([
    'SQLITE_BUSY',
    'SQLITE_LOCKED',
    'SQLITE_CANTOPEN',
    'SQLITE_IOERR_WRITE',
    'SQLITE_FULL',
    'SQLITE_READONLY',
  ])('is true for %s: worth a retry later', (code) => {
    expect(isDatabaseUnavailable(sqliteFailure(code))).toBe(true);
  });

  it('is true for a closed better-sqlite3 connection and a data source that is not connected', () => {
    expect(
      isDatabaseUnavailable(
        new TypeError('The database connection is not open'),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new CannotExecuteNotConnectedError())).toBe(
      true,
    );
  });

  it.each(['SQLITE_ERROR', 'SQLITE_CONSTRAINT_PRIMARYKEY'])(
    'is false for %s: the statement is wrong, not the database',
    (code) => {
      expect(isDatabaseUnavailable(sqliteFailure(code))).toBe(false);
    },
  );

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY'])(
    'isSqliteBusy is true for %s: another connection holds the lock',
    (code) => {
      expect(isSqliteBusy(Object.assign(new Error(code), { code }))).toBe(true);
    },
  );

  it.each(['SQLITE_LOCKED', 'SQLITE_FULL', '53300'])(
    'isSqliteBusy is false for %s',
    (code) => {
      expect(isSqliteBusy(Object.assign(new Error(code), { code }))).toBe(
        false,
      );
    },
  );

  it('is false for other errors', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });

  it.each([
    ['a refused connection', { code: 'ECONNREFUSED' }],
    ['a connection reset', { code: 'ECONNRESET' }],
    ['a connection exception (class 08)', { code: '08006' }],
    ['too many connections', { code: '53300' }],
    ['a full disk', { code: '53100' }],
    ['a read-only transaction (a standby)', { code: '25006' }],
    ['a server shutting down', { code: '57P01' }],
    ['a server starting up', { code: '57P03' }],
  ])('is true on PostgreSQL for %s', (_case, properties) => {
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('connection failed'), properties),
      ),
    ).toBe(true);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'Cannot use a pool after calling end on the pool',
  ])('is true for node-postgres’s "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new QueryFailedError('SELECT 1', [], new Error(message)),
      ),
    ).toBe(true);
  });

  it.each(['23505', '42P01', '22P02'])(
    'is false for the PostgreSQL error %s: the statement or data is wrong',
    (code) => {
      expect(
        isDatabaseUnavailable(Object.assign(new Error('failed'), { code })),
      ).toBe(false);
    },
  );
});
