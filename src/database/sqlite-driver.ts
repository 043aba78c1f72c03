import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 12 wraps its statements in node::ObjectWrap, whose destructor on Node 24.19 and
 * later aborts the whole process (`RemoveEnvironmentCleanupHook … (env) != nullptr`) when the
 * garbage collector frees a statement while no JavaScript context is entered: an idle GC in a
 * server, or any GC under Jest's module contexts. Version 13 is built on Node-API and has no such
 * path, but crashes on load on Node 20. Both are installed; each runtime loads the one that works.
 */
const FIRST_NODE_MAJOR_OF_THE_NODE_API_BUILD = 22;

export type SqliteDriver = typeof BetterSqlite3;
export type SqliteConnection = BetterSqlite3.Database;

export function sqliteDriverPackageFor(nodeVersion: string): string {
  const major = Number(nodeVersion.split('.')[0]);
  return major >= FIRST_NODE_MAJOR_OF_THE_NODE_API_BUILD
    ? 'better-sqlite3-node-api'
    : 'better-sqlite3';
}

/** The constructor every SQLite connection of the service, its tools and its tests opens with. */
export const SqliteDatabase: SqliteDriver = createRequire(import.meta.url)(
  sqliteDriverPackageFor(process.versions.node),
) as SqliteDriver;
