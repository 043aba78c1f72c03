import { GroupCommit, type SingleWriter } from './group-commit.js';

class LockTimeout extends Error {}

/**
 * A writer whose lock another process holds until `lockFreeAt` (in the deadlines' units): BEGIN
 * waits for it until the deadline it is given, as SqliteSqlClient's does.
 */
function lockedWriter(lockFreeAt: number) {
  const begun: number[] = [];
  const committed: string[][] = [];
  let pending: string[] = [];
  let open = false;
  const writer: SingleWriter<{ write(mark: string): void }> = {
    begin: (deadline) => {
      begun.push(deadline);
      if (lockFreeAt > deadline) {
        return Promise.reject(new LockTimeout('database is locked'));
      }
      open = true;
      return Promise.resolve();
    },
    isLockTimeout: (error) => error instanceof LockTimeout,
    savepoint: () => undefined,
    release: () => undefined,
    rollbackToSavepoint: () => undefined,
    commit: () => {
      committed.push(pending);
      pending = [];
      open = false;
    },
    rollback: () => {
      pending = [];
      open = false;
    },
    inTransaction: () => open,
    session: { write: (mark) => pending.push(mark) },
  };
  return { writer, begun, committed };
}

describe('GroupCommit', () => {
  it('commits the transactions begun in one turn together, each answered with its own result', async () => {
    const { writer, committed } = lockedWriter(0);
    const groups = new GroupCommit(writer, 10);

    const results = await Promise.all(
      ['a', 'b'].map((mark) =>
        groups.run((session) => {
          session.write(mark);
          return Promise.resolve(mark.toUpperCase());
        }, 100),
      ),
    );

    expect(results).toEqual(['A', 'B']);
    expect(committed).toEqual([['a', 'b']]);
  });

  it('fails, when the lock outlasts the first deadline, only the transactions whose deadline it was; the later ones wait on until theirs', async () => {
    const { writer, begun, committed } = lockedWriter(150);
    const groups = new GroupCommit(writer, 10);

    const write =
      (mark: string) => (session: { write(mark: string): void }) => {
        session.write(mark);
        return Promise.resolve(mark);
      };
    const early = groups.run(write('early'), 100);
    const late = groups.run(write('late'), 200);

    await expect(early).rejects.toBeInstanceOf(LockTimeout);
    await expect(late).resolves.toBe('late');
    expect(begun).toEqual([100, 200]);
    expect(committed).toEqual([['late']]);
  });

  it('fails the whole group when BEGIN fails for another reason than the lock', async () => {
    const { writer, begun } = lockedWriter(0);
    const closed = new Error('The database connection is not open');
    writer.begin = (deadline) => {
      begun.push(deadline);
      return Promise.reject(closed);
    };
    const groups = new GroupCommit(writer, 10);

    const outcomes = await Promise.allSettled([
      groups.run(() => Promise.resolve('early'), 100),
      groups.run(() => Promise.resolve('late'), 200),
    ]);

    expect(outcomes).toEqual([
      { status: 'rejected', reason: closed },
      { status: 'rejected', reason: closed },
    ]);
    expect(begun).toEqual([100]);
  });
});
