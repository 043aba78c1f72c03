import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

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

/** Validates the records of one collection; returns them as instances and the problems found. */
export function validateRecords<T extends object>(
  collection: string,
  recordClass: new () => T,
  records: unknown[],
): { instances: T[]; problems: string[] } {
  const problems: string[] = [];
  const instances: T[] = [];
  const firstIndexById = new Map<string, number>();
  records.forEach((record, index) => {
    const place = `${collection}[${index}]`;
    if (
      typeof record !== 'object' ||
      record === null ||
      Array.isArray(record)
    ) {
      problems.push(`${place}: must be an object`);
      return;
    }
    const instance = plainToInstance(
      recordClass,
      withoutODataAnnotations(record),
    );
    problems.push(
      ...validateSync(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
      }).flatMap((error) => describeValidationError(place, error)),
    );
    const id = (record as { id?: unknown }).id;
    if (typeof id === 'string') {
      const key = id.toLowerCase();
      const first = firstIndexById.get(key);
      if (first !== undefined) {
        problems.push(`${place}.id: repeats the id of ${collection}[${first}]`);
      } else {
        firstIndexById.set(key, index);
      }
    }
    instances.push(instance);
  });
  return { instances, problems };
}

/** Graph-shaped records may carry `@odata.*` annotations; they are not data. */
function withoutODataAnnotations(record: object): object {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !key.startsWith('@odata.')),
  );
}

function describeValidationError(
  path: string,
  error: ValidationError,
): string[] {
  const place = /^\d+$/.test(error.property)
    ? `${path}[${error.property}]`
    : `${path}.${error.property}`;
  const own = Object.values(error.constraints ?? {}).map(
    (message) => `${place}: ${message}`,
  );
  const nested = (error.children ?? []).flatMap((child) =>
    describeValidationError(place, child),
  );
  return [...own, ...nested];
}
