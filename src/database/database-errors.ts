import {
  CannotExecuteNotConnectedError,
  ConnectionIsNotSetError,
  QueryFailedError,
} from 'typeorm';

// SQLite result codes that mean "the database cannot serve now", not "this statement is wrong".
const UNAVAILABLE_SQLITE_CODES =
  /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|NOTADB|CORRUPT)/;

/** True when a failure is the database being unreachable or overloaded: worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (
    error instanceof CannotExecuteNotConnectedError ||
    error instanceof ConnectionIsNotSetError
  ) {
    return true;
  }
  const cause =
    error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  // better-sqlite3 on a closed connection throws a TypeError without a code.
  if (
    cause instanceof TypeError &&
    cause.message === 'The database connection is not open'
  ) {
    return true;
  }
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_SQLITE_CODES.test(code);
}
