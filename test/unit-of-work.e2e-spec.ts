import { setTimeout as pause } from 'node:timers/promises';
import { SqlClient } from '../src/database/sql-client.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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
});
