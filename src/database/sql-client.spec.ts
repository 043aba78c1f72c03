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

  it('reads the same text as objects or as arrays, whichever each call asks for', async () => {
    await sql.run('INSERT INTO t (id, b) VALUES (?, ?), (?, ?)', [
      1,
      null,
      2,
      null,
    ]);
    const text = 'SELECT id, b FROM t ORDER BY id';

    expect(await sql.rows(text)).toEqual([
      { id: 1, b: null },
      { id: 2, b: null },
    ]);
    expect(await sql.rowArrays(text)).toEqual({
      columns: ['id', 'b'],
      rows: [
        [1, null],
        [2, null],
      ],
    });
    expect(await sql.rows(text)).toEqual([
      { id: 1, b: null },
      { id: 2, b: null },
    ]);
  });

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

  describe('transactions that wait for their turn', () => {
    /** A transaction that has begun and holds the writer until `release` is called. */
    async function holdTheWriter(): Promise<{
      held: Promise<string>;
      release: () => void;
    }> {
      let release!: () => void;
      let begun!: () => void;
      const gate = new Promise<void>((open) => (release = open));
      const running = new Promise<void>((resolve) => (begun = resolve));
      const held = sql.transaction(async () => {
        begun();
        await gate;
        return 'held';
      });
      await running;
      return { held, release };
    }

    /** How many COMMIT statements the connection ran from now on. */
    function commitsFromNow(): () => number {
      const statement = connection.prepare('SELECT 1');
      const { prototype } = statement.constructor as {
        prototype: typeof statement;
      };
      const run = jest.spyOn(prototype, 'run');
      spies.push(run);
      return () =>
        run.mock.contexts.filter(
          (context) => (context as typeof statement).source === 'COMMIT',
        ).length;
    }
    const spies: { mockRestore(): void }[] = [];
    afterEach(() => spies.splice(0).forEach((spy) => spy.mockRestore()));

    const insert = (id: number) =>
      sql.transaction(async (session) => {
        await session.run('INSERT INTO t (id, b) VALUES (?, 0)', [id]);
        return `inserted ${id}`;
      });

    it('begun in the same turn of the event loop, are committed together', async () => {
      const commits = commitsFromNow();

      expect(await Promise.all([insert(1), insert(2), insert(3)])).toEqual([
        'inserted 1',
        'inserted 2',
        'inserted 3',
      ]);
      expect(commits()).toBe(1);
    });

    it('run each in the async context of its caller', async () => {
      const caller = new AsyncLocalStorage<string>();
      const seen = await Promise.all(
        ['first', 'second', 'third'].map((name) =>
          caller.run(name, () =>
            sql.transaction(() => Promise.resolve(caller.getStore())),
          ),
        ),
      );

      expect(seen).toEqual(['first', 'second', 'third']);
    });

    it('are committed together, each answered with its own result', async () => {
      const commits = commitsFromNow();
      const writer = await holdTheWriter();
      const waiting = [insert(1), insert(2), insert(3)];
      writer.release();

      expect(await writer.held).toBe('held');
      expect(await Promise.all(waiting)).toEqual([
        'inserted 1',
        'inserted 2',
        'inserted 3',
      ]);
      expect(commits()).toBe(2);
      expect(
        otherProcess.prepare('SELECT id FROM t ORDER BY id').pluck().all(),
      ).toEqual([1, 2, 3]);
    });

    it('undo only the writes of one that fails, which gets its own error', async () => {
      const writer = await holdTheWriter();
      const first = insert(1);
      const failing = sql.transaction(async (session) => {
        await session.run('INSERT INTO t (id, b) VALUES (2, 0)');
        await session.run('INSERT INTO t (id, b) VALUES (1, 0)');
      });
      const last = insert(3);
      writer.release();

      await expect(failing).rejects.toMatchObject({
        code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      });
      expect(await first).toBe('inserted 1');
      expect(await last).toBe('inserted 3');
      expect(
        otherProcess.prepare('SELECT id FROM t ORDER BY id').pluck().all(),
      ).toEqual([1, 3]);
    });

    it('fail together when the database undoes the group, and the ones after it run in the next', async () => {
      connection.exec('INSERT INTO t (id, b) VALUES (1, zeroblob(100))');
      fillTheDisk();
      const rows = () =>
        otherProcess.prepare('SELECT id, length(b) AS bytes FROM t').all();
      const before = rows();
      const shrink = (id: number) =>
        sql.transaction((session) =>
          session.run('UPDATE t SET b = zeroblob(1) WHERE id = ?', [id]),
        );
      const writer = await holdTheWriter();
      const earlier = shrink(1);
      const tooLarge = sql.transaction((session) =>
        session.run('INSERT INTO t (b) VALUES (zeroblob(8000))'),
      );
      const later = shrink(1);
      writer.release();

      expect(await writer.held).toBe('held');
      await expect(earlier).rejects.toMatchObject({ code: 'SQLITE_FULL' });
      await expect(tooLarge).rejects.toMatchObject({ code: 'SQLITE_FULL' });
      expect(await later).toBe(1);
      expect(connection.inTransaction).toBe(false);
      expect(rows()).toEqual(
        before.map((row) =>
          (row as { id: number }).id === 1 ? { id: 1, bytes: 1 } : row,
        ),
      );
    });
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
