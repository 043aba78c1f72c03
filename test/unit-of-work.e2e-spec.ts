import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { EntitySql } from '../src/database/entity-sql.js';
import { SqlClient } from '../src/database/sql-client.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { EntitySetReader } from '../src/graph/odata/entity-set-reader.js';
import { parseFilter } from '../src/graph/odata/filter-expression.js';
import { ResourceEntity } from '../src/privileged-access/azure-resources/resources/resource.entity.js';
import { RESOURCES } from '../src/privileged-access/azure-resources/resources/graph/resources.entity-set.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeOnPostgres } from './support/test-database.js';

/**
 * The unit of work on the app's own database: statements that repositories make through the
 * SqlClient inside `UnitOfWork.run` are part of its transaction without being handed a session.
 * On PostgreSQL a statement outside it would run on another pooled connection.
 */
describe('UnitOfWork', () => {
  let testApp: TestApp;
  let unitOfWork: UnitOfWork;
  let sql: SqlClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    unitOfWork = testApp.app.get(UnitOfWork);
    sql = testApp.app.get(SqlClient);
    await sql.run('CREATE TABLE unit_of_work_marks (mark integer NOT NULL)');
  });
  afterAll(() => testApp.close());
  beforeEach(() => sql.run('DELETE FROM unit_of_work_marks'));

  /** What a repository does: a statement on the SqlClient, no session in sight. */
  const mark = (value: number) =>
    sql.run(
      `INSERT INTO unit_of_work_marks (mark) VALUES (${testApp.parameter(0)})`,
      [value],
    );
  const marks = async () =>
    (await sql.rows('SELECT mark FROM unit_of_work_marks ORDER BY mark')).map(
      (row) => Number(row.mark),
    );

  it('commits the statements made inside it, which see one another before the commit', async () => {
    const seenInside = await unitOfWork.run(async () => {
      await mark(1);
      return marks();
    });

    expect(seenInside).toEqual([1]);
    expect(await marks()).toEqual([1]);
  });

  it('reads rows as arrays of values with their columns’ names, inside it as outside, and the same text as objects', async () => {
    const text =
      'SELECT mark, mark * 2 AS doubled FROM unit_of_work_marks ORDER BY mark';
    const seenInside = await unitOfWork.run(async () => {
      await mark(1);
      await mark(2);
      return sql.rowArrays(text);
    });

    expect(seenInside).toEqual({
      columns: ['mark', 'doubled'],
      rows: [
        [1, 2],
        [2, 4],
      ],
    });
    expect(await sql.rowArrays(text)).toEqual(seenInside);
    expect(await sql.rows(text)).toEqual([
      { mark: 1, doubled: 2 },
      { mark: 2, doubled: 4 },
    ]);
  });

  it('reads a table whose columns a migration changed after its statements were prepared', async () => {
    await sql.run('CREATE TABLE unit_of_work_changing (a integer NOT NULL)');
    await sql.run('INSERT INTO unit_of_work_changing (a) VALUES (1)');
    const text = 'SELECT * FROM unit_of_work_changing';
    expect(await sql.rows(text)).toEqual([{ a: 1 }]);
    expect(await sql.rowArrays(text)).toEqual({ columns: ['a'], rows: [[1]] });

    await sql.run('ALTER TABLE unit_of_work_changing ADD COLUMN b integer');

    expect(await sql.rows(text)).toEqual([{ a: 1, b: null }]);
    expect(await sql.rowArrays(text)).toEqual({
      columns: ['a', 'b'],
      rows: [[1, null]],
    });
  });

  it('rolls back every statement made inside it when the work throws', async () => {
    await expect(
      unitOfWork.run(async () => {
        await mark(1);
        await mark(2);
        throw new Error('a rule refused the change');
      }),
    ).rejects.toThrow('a rule refused the change');

    expect(await marks()).toEqual([]);
  });

  it('takes a unit of work begun inside another as part of it', async () => {
    await expect(
      unitOfWork.run(async () => {
        await mark(1);
        await unitOfWork.run(() => mark(2));
        throw new Error('the outer step failed');
      }),
    ).rejects.toThrow('the outer step failed');

    expect(await marks()).toEqual([]);
  });

  it('keeps two concurrent units of work apart', async () => {
    let releaseFirst!: () => void;
    const firstMayEnd = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const first = unitOfWork.run(async () => {
      await mark(1);
      await firstMayEnd;
      throw new Error('the first fails');
    });
    const second = unitOfWork.run(() => mark(2));
    await pause(20);
    releaseFirst();

    await expect(first).rejects.toThrow('the first fails');
    await second;
    expect(await marks()).toEqual([2]);
  });

  it('ends with its work: a statement left running afterwards is not in it', async () => {
    let leftRunning!: Promise<void>;
    await unitOfWork.run(async () => {
      await mark(1);
      leftRunning = pause(20).then(() => unitOfWork.serialize('late'));
    });

    await expect(leftRunning).rejects.toThrow(
      "serialize('late') needs a transaction.",
    );
    expect(await marks()).toEqual([1]);
  });

  describe('with the OData reader', () => {
    const tenantId = randomUUID();
    const resourceWritten = (
      displayName: string,
      parentId: string | null = null,
    ): ResourceEntity =>
      Object.assign(new ResourceEntity(), {
        tenantId,
        id: randomUUID(),
        externalId: `/subscriptions/${displayName}`,
        type: 'subscription',
        displayName,
        status: 'Active',
        registeredDateTime: new Date('2025-01-02T03:04:05.000Z'),
        registeredRoot: null,
        parentId,
      });
    /** What a repository does to write one: an INSERT on the SqlClient. */
    const insert = (resource: ResourceEntity) => {
      const resources = new EntitySql(testApp.dataSource, ResourceEntity);
      return sql.run(
        `INSERT INTO ${resources.table} ${resources.columnList} VALUES ${resources.rowPlaceholders(0)}`,
        resources.valuesOf(resource),
      );
    };
    const notFound = () => new Error('no such resource');

    it('lists and reads in its transaction: what it wrote is seen before the commit, and gone after its rollback', async () => {
      const reader = testApp.app.get(EntitySetReader);
      const parent = resourceWritten('Written inside, the parent');
      const child = resourceWritten('Written inside, the child', parent.id);
      const listOfChild = {
        filter: parseFilter(`displayName eq '${child.displayName}'`, RESOURCES),
        orderBy: [],
        top: 10,
        skip: 0,
        count: true,
        select: ['id', 'registeredDateTime'],
        expand: [],
      };

      const seenInside = unitOfWork.run(async () => {
        await insert(parent);
        await insert(child);
        const listed = await reader.list(RESOURCES, tenantId, listOfChild);
        const read = await reader.get(
          RESOURCES,
          tenantId,
          child.id,
          {
            select: ['id'],
            expand: [{ navigation: 'parent', select: ['id'] }],
          },
          notFound,
        );
        throw Object.assign(new Error('rolled back'), { listed, read });
      });

      await expect(seenInside).rejects.toMatchObject({
        listed: {
          value: [
            { id: child.id, registeredDateTime: '2025-01-02T03:04:05.000Z' },
          ],
          count: 1,
        },
        read: { id: child.id, parent: { id: parent.id } },
      });
      expect(await reader.list(RESOURCES, tenantId, listOfChild)).toEqual({
        value: [],
        count: 0,
        nextSkipToken: undefined,
      });
      await expect(
        reader.get(RESOURCES, tenantId, child.id, { expand: [] }, notFound),
      ).rejects.toThrow('no such resource');
    });
  });
});

/**
 * PostgreSQL's prepared statements, seen from the one connection of a pool of one: named by
 * default, none with DB_PREPARED_STATEMENTS=0 (for a pooler that cannot carry them).
 */
describeOnPostgres('the statements PostgreSQL prepares by name', () => {
  const PREPARED = 'SELECT name FROM pg_prepared_statements ORDER BY name';

  async function preparedAfterTwoReads(
    env: Record<string, string>,
  ): Promise<string[]> {
    const testApp = await startTestApp({ DB_POOL_SIZE: '1', ...env });
    try {
      const sql = testApp.app.get(SqlClient);
      const text = 'SELECT count(*) AS n FROM role_assignment_requests';
      await sql.rows(text);
      await sql.rowArrays(text);
      return (await sql.rows(PREPARED)).map((row) => String(row.name));
    } finally {
      await testApp.close();
    }
  }

  it('are the texts the process ran, by default', async () => {
    expect(await preparedAfterTwoReads({})).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pim_\d+$/)]),
    );
  });

  it('are none with DB_PREPARED_STATEMENTS=0', async () => {
    expect(
      await preparedAfterTwoReads({ DB_PREPARED_STATEMENTS: '0' }),
    ).toEqual([]);
  });
});
