import {
  isPlainObject,
  validationProblems,
} from '../values/validation-problems.js';

/** A seed file that cannot be loaded; every problem names its place (`collection[index].field`). */
export class SeedError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The seed was not loaded:\n${describeProblems(problems)}`);
  }
}

const MAX_LISTED_PROBLEMS = 20;

function describeProblems(problems: readonly string[]): string {
  const listed = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((problem) => `- ${problem}`);
  if (problems.length > MAX_LISTED_PROBLEMS) {
    listed.push(`- … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
  }
  return listed.join('\n');
}

/**
 * The problems of each record of a collection, checked against its class-validator class;
 * `firstIndex` is the index of `records[0]` in the whole collection, for the messages.
 */
export function validateRecords(
  collection: string,
  recordClass: new () => object,
  records: readonly unknown[],
  firstIndex = 0,
): string[] {
  return records.flatMap((record, offset) =>
    validationProblems(
      `${collection}[${firstIndex + offset}]`,
      recordClass,
      record,
    ),
  );
}

/**
 * Records whose tenant and id (in any letter case) an earlier record of the collection already
 * has. Records are keyed by tenant and id: two tenants may hold the same id.
 */
export function findRepeatedIds(
  collection: string,
  records: readonly unknown[],
): string[] {
  const firstIndexById = new Map<string, number>();
  const problems: string[] = [];
  records.forEach((record, index) => {
    if (!isPlainObject(record) || typeof record.id !== 'string') {
      return;
    }
    const tenantId =
      typeof record.tenantId === 'string' ? record.tenantId.toLowerCase() : '';
    const key = `${tenantId}\u0000${record.id.toLowerCase()}`;
    const first = firstIndexById.get(key);
    if (first === undefined) {
      firstIndexById.set(key, index);
    } else {
      problems.push(
        `${collection}[${index}].id: repeats the id of ${collection}[${first}]`,
      );
    }
  });
  return problems;
}
