import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors.js';

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

  it('is false for other errors', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
