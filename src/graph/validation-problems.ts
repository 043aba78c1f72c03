import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deeper than any Graph-shaped record (a role setting's approvers are four levels down).
 * class-transformer recurses once per level of a value, declared or not: a body nested a few
 * thousand levels deep would overflow the stack (a 500) before validation could refuse it.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * What is wrong with a plain object against a class-validator class, each problem naming its
 * place from `path` (`roleSettings[2].setting`, `body.adminEligibleSettings[0].ruleIdentifier`).
 * Properties the class does not declare are problems too.
 */
export function validationProblems(
  path: string,
  recordClass: new () => object,
  value: unknown,
): string[] {
  if (!isPlainObject(value)) {
    return [`${path}: must be an object`];
  }
  if (nestsDeeperThan(value, MAX_NESTING_DEPTH)) {
    return [`${path}: is nested more than ${MAX_NESTING_DEPTH} levels deep`];
  }
  return validateSync(plainToInstance(recordClass, value), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).flatMap((error) => describeValidationError(path, error));
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

/** Whether objects and arrays nest more than `limit` levels deep; a loop, so any depth is safe. */
function nestsDeeperThan(value: object, limit: number): boolean {
  const pending: [object, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (depth > limit) {
      return true;
    }
    for (const child of Object.values(item) as unknown[]) {
      if (typeof child === 'object' && child !== null) {
        pending.push([child, depth + 1]);
      }
    }
  }
  return false;
}
