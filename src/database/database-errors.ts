import {
  CannotExecuteNotConnectedError,
  ConnectionIsNotSetError,
  QueryFailedError,
} from 'typeorm';

// SQLite result codes that mean "the database cannot serve now", not "this statement is wrong".
const UNAVAILABLE_SQLITE_CODES =
  /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|NOTADB|CORRUPT)/;

// Socket errors of a connection that cannot be made or was cut.
const UNAVAILABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// PostgreSQL SQLSTATEs of a server that cannot serve now: connection exceptions (class 08), a
// read-only transaction (a standby, or default_transaction_read_only), disk full, out of memory,
// too many connections, and a server shutting down or starting up.
const UNAVAILABLE_POSTGRES_STATES = /^(08...|25006|53[123]00|57P0[123])$/;

// node-postgres reports a connection lost or never made with these messages and no code.
const UNAVAILABLE_POSTGRES_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  // The data source was closed (the app is stopping, or its database was let go).
  'Cannot use a pool after calling end on the pool',
];

/** Our own SQL found the database connection closed (the data source was destroyed). */
export class DatabaseNotOpenError extends Error {
  constructor() {
    super('The database connection is not open');
  }
}

/** SQLite's lock is held by another connection (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * PostgreSQL refuses a prepared statement whose result's columns changed since it was prepared
 * (a migration added or dropped a column of a table it reads with `*`).
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const failure = error as { code?: unknown; message?: unknown } | null;
  return (
    failure?.code === '0A000' &&
    typeof failure.message === 'string' &&
    failure.message.includes('cached plan must not change result type')
  );
}

/** True when a failure is the database being unreachable or overloaded: worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (
    error instanceof CannotExecuteNotConnectedError ||
    error instanceof ConnectionIsNotSetError ||
    error instanceof DatabaseNotOpenError
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
  if (
    cause instanceof Error &&
    UNAVAILABLE_POSTGRES_MESSAGES.some((message) =>
      cause.message.startsWith(message),
    )
  ) {
    return true;
  }
  const code = (cause as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLITE_CODES.test(code) ||
      UNAVAILABLE_NETWORK_CODES.has(code) ||
      UNAVAILABLE_POSTGRES_STATES.test(code))
  );
}
