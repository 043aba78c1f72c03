import { jest } from '@jest/globals';
import { SqliteDatabase, type SqliteConnection } from './sqlite-driver.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { SqlClient } from './sql-client.js';

const BUSY_TIMEOUT_MS = 300;

describe('SqlClient on SQLite', () => {
  let directory: string;
  let file: string;
  let connection: SqliteConnection;
  let otherProcess: SqliteConnection;
  let sql: SqlClient;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'sql-client-'));
    file = path.join(directory, 'pim.sqlite');
    connection = new SqliteDatabase(file, { timeout: 5000 });
    connection.pragma('journal_mode = WAL');
    connection.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)');
    otherProcess = new SqliteDatabase(file, { timeout: 0 });
    sql = SqlClient.for(
      { driver: { databaseConnection: connection } } as unknown as DataSource,
      {
        type: 'sqlite',
        path: file,
        migrateOnStart: false,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      },
    );
  });
  afterEach(() => {
    otherProcess.close();
    connection.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Fills the file up to a page limit: the next write that needs a page fails as on a full disk. */
  function fillTheDisk(): void {
    const pages = connection.pragma('page_count', { simple: true }) as number;
    connection.pragma(`max_page_count = ${pages}`);
    for (const size of [3000, 300, 30]) {
      try {
        for (;;) {
          connection
            .prepare('INSERT INTO t (b) VALUES (zeroblob(?))')
            .run(size);
        }
      } catch {
        // full for rows of this size: try smaller ones
      }
    }
  }

  it('reports the failure that made SQLite roll back by itself, not that of a ROLLBACK', async () => {
    fillTheDisk();
    const rows = connection.prepare('SELECT COUNT(*) AS n FROM t').get();

    await expect(
      sql.transaction(async (session) => {
        await session.run('INSERT INTO t (b) VALUES (zeroblob(8000))');
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_FULL' });

    expect(connection.inTransaction).toBe(false);
    expect(connection.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual(
      rows,
    );
    expect(sql.failingWrites).toMatchObject({ code: 'SQLITE_FULL' });
  });

  it('probes writes: fails on a full disk, goes through once there is room, and leaves no row', async () => {
    fillTheDisk();
    // No table yet on this file. Not toThrow(): once an earlier test file of the same Jest worker
    // has loaded better-sqlite3, its errors come from that file's realm and fail Jest's Error check.
    await expect(sql.probeWrites()).rejects.toMatchObject({
      message: expect.stringContaining('no such table'),
    });
    connection.pragma('max_page_count = 1000000');
    connection.exec(
      'CREATE TABLE database_write_probes (filler BLOB NOT NULL)',
    );
    fillTheDisk();

    await expect(sql.probeWrites()).rejects.toMatchObject({
      code: 'SQLITE_FULL',
    });
    connection.pragma('max_page_count = 1000000');
    await sql.probeWrites();

    expect(sql.failingWrites).toBeUndefined();
    expect(
      connection
        .prepare('SELECT COUNT(*) AS n FROM database_write_probes')
        .get(),
    ).toEqual({ n: 0 });
  });

  it('carries the transaction to the statements of its work, and no context once none is open', async () => {
    const disable = jest.spyOn(AsyncLocalStorage.prototype, 'disable');
    try {
      await sql.transaction(async () => {
        await sql.run('INSERT INTO t (b) VALUES (1)');
        await sql.transaction(() => sql.run('INSERT INTO t (b) VALUES (2)'));
        expect(connection.inTransaction).toBe(true);
        expect(disable).not.toHaveBeenCalled();
      });

      expect(connection.inTransaction).toBe(false);
      expect(disable).toHaveBeenCalledTimes(1);
      expect(await sql.rows('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 2 }]);
    } finally {
      disable.mockRestore();
    }
  });

  describe('while another process holds the write lock', () => {
    beforeEach(() => {
      otherProcess.exec('BEGIN IMMEDIATE');
    });

    it('waits for it without blocking the event loop, and writes once it is released', async () => {
      let turnsWhileWaiting = 0;
      const write = sql.transaction((session) =>
        session.run('INSERT INTO t (b) VALUES (1)'),
      );
      while (turnsWhileWaiting < 5) {
        await nextTurn();
        turnsWhileWaiting += 1;
      }
      expect(await sql.rows('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
      otherProcess.exec('COMMIT');

      expect(await write).toBe(1);
      expect(await sql.rows('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
    });

    it('gives up with SQLITE_BUSY after the busy timeout, writing nothing', async () => {
      const started = performance.now();

      await expect(
        sql.transaction((session) =>
          session.run('INSERT INTO t (b) VALUES (1)'),
        ),
      ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });

      expect(performance.now() - started).toBeGreaterThanOrEqual(
        BUSY_TIMEOUT_MS - 60,
      );
      expect(connection.inTransaction).toBe(false);
      otherProcess.exec('ROLLBACK');
      expect(await sql.rows('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
    });
  });
});
