import { AsyncResource } from 'node:async_hooks';
import { setImmediate } from 'node:timers';

/** What a group commit needs of a database that has one writer at a time. */
export interface SingleWriter<Session> {
  /** Opens the transaction and takes the write lock; `deadline` bounds waiting for the lock. */
  begin(deadline: number): Promise<void>;
  /** Whether `begin` failed because the lock stayed taken until its deadline. */
  isLockTimeout(error: unknown): boolean;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
  commit(): void;
  rollback(): void;
  /** False once the database has rolled the transaction back by itself (a full disk, an I/O error). */
  inTransaction(): boolean;
  readonly session: Session;
}

interface Waiting<Session> {
  readonly work: (session: Session) => Promise<unknown>;
  readonly deadline: number;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Transactions on a database with one writer take turns; those begun in the same turn of the
 * event loop, or while a group runs, are run together in the next group, each in a savepoint of
 * its own (its failure undoes its own writes only) and answered with its own result once all of
 * them are committed at once: a COMMIT costs about the same for one transaction as for fifty.
 */
export class GroupCommit<Session> {
  private readonly waiting: Waiting<Session>[] = [];
  private committing = false;

  constructor(
    private readonly writer: SingleWriter<Session>,
    private readonly largestGroup: number,
  ) {}

  run<T>(work: (session: Session) => Promise<T>, deadline: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        // Run from the group, each work keeps its caller's async context (its request's).
        work: inCallersContext(work),
        deadline,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      if (!this.committing) {
        this.committing = true;
        // A transaction runs to its end without letting I/O in (its statements are synchronous):
        // the group is begun once the event loop has read every request that is already there.
        setImmediate(() => void this.commitWhileWaiting());
      }
    });
  }

  private async commitWhileWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        await this.commitGroup(this.waiting.splice(0, this.largestGroup));
      }
    } finally {
      this.committing = false;
    }
  }

  /** Answers every transaction of `group`, or puts those it did not run back at the front. */
  private async commitGroup(group: Waiting<Session>[]): Promise<void> {
    try {
      await this.runGroup(group);
    } catch (error) {
      // The group could not begin, or the connection failed under its bookkeeping (closed while
      // it ran): none of it is written.
      this.rollBackIfOpen();
      const [expired, waitLonger] = this.writer.isLockTimeout(error)
        ? partition(
            group,
            (transaction) => transaction.deadline <= group[0].deadline,
          )
        : [group, []];
      // BEGIN waited until the first one's deadline: those that came later may wait on, in the
      // next group, until their own.
      this.waiting.unshift(...waitLonger);
      expired.forEach((transaction) => transaction.reject(error));
    }
  }

  private rollBackIfOpen(): void {
    try {
      if (this.writer.inTransaction()) {
        this.writer.rollback();
      }
    } catch {
      // A connection that cannot roll back holds no transaction of ours any more.
    }
  }

  private async runGroup(group: Waiting<Session>[]): Promise<void> {
    await this.writer.begin(group[0].deadline);
    const outcomes: Outcome[] = [];
    for (const transaction of group) {
      const outcome = await this.runInSavepoint(transaction);
      outcomes.push(outcome);
      if (!outcome.ok && !this.writer.inTransaction()) {
        // The database undid the whole group: the transactions before it lost their writes with
        // it; those after it have not run and take the next group.
        this.waiting.unshift(...group.slice(outcomes.length));
        answer(
          group,
          outcomes.map((earlier) =>
            earlier.ok ? { ok: false, error: outcome.error } : earlier,
          ),
        );
        return;
      }
    }
    answer(group, this.committed(outcomes));
  }

  private async runInSavepoint(
    transaction: Waiting<Session>,
  ): Promise<Outcome> {
    try {
      this.writer.savepoint();
      const value = await transaction.work(this.writer.session);
      this.writer.release();
      return { ok: true, value };
    } catch (error) {
      if (this.writer.inTransaction()) {
        this.writer.rollbackToSavepoint();
        this.writer.release();
      }
      return { ok: false, error };
    }
  }

  /** The outcomes once committed: a failed COMMIT fails every transaction that had succeeded. */
  private committed(outcomes: Outcome[]): Outcome[] {
    try {
      this.writer.commit();
      return outcomes;
    } catch (error) {
      // SQLite has rolled back by itself after some failures: a ROLLBACK then fails and would
      // hide the cause.
      this.rollBackIfOpen();
      return outcomes.map((outcome) =>
        outcome.ok ? { ok: false, error } : outcome,
      );
    }
  }
}

function partition<T>(
  items: readonly T[],
  test: (item: T) => boolean,
): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function answer<Session>(group: Waiting<Session>[], outcomes: Outcome[]): void {
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      group[index].resolve(outcome.value);
    } else {
      group[index].reject(outcome.error);
    }
  });
}

/**
 * `work`, run in the async context of the code that asked for it. Not `AsyncResource.bind`,
 * which defines two deprecated accessors on every function it binds: 4 % of a cancel's CPU.
 */
function inCallersContext<Session>(
  work: (session: Session) => Promise<unknown>,
): (session: Session) => Promise<unknown> {
  const callers = new AsyncResource('GroupCommitWork');
  return (session) => callers.runInAsyncScope(work, undefined, session);
}
