import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { unstorableTextPlaces } from './storable-values.js';

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is wrong with a plain object against a class-validator class, each problem naming its
 * place from `path` (`roleSettings[2].setting`, `body.adminEligibleSettings[0].ruleIdentifier`).
 * Properties the class does not declare are problems too (`__proto__` and `constructor`
 * included), and so is text holding U+0000, which PostgreSQL cannot store (storable-values.ts).
 */
export function validationProblems(
  path: string,
  recordClass: new () => object,
  value: unknown,
): string[] {
  if (!isPlainObject(value)) {
    return [`${path}: must be an object`];
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    return [`${path}: is nested more than ${MAX_JSON_DEPTH} levels deep`];
  }
  return [
    ...validateSync(plainToInstance(recordClass, value), {
      whitelist: true,
      forbidNonWhitelisted: true,
    }).flatMap((error) => describeValidationError(path, error)),
    ...transformerSkippedProblems(path, value),
    ...unstorableTextPlaces(path, value).map(
      (place) => `${place}: must not contain the character U+0000`,
    ),
  ];
}

// class-transformer skips these names (against prototype pollution), so class-validator never
// sees them to refuse them as undeclared, while JSON.parse makes them own properties that the
// caller's text, stored as sent, keeps.
const TRANSFORMER_SKIPPED_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
];

/** Each own property of a JSON value named as class-transformer skips, as an undeclared one. */
function transformerSkippedProblems(path: string, value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      transformerSkippedProblems(`${path}[${index}]`, item),
    );
  }
  if (isPlainObject(value)) {
    return Object.keys(value).flatMap((name) =>
      TRANSFORMER_SKIPPED_NAMES.includes(name)
        ? [`${path}.${name}: property ${name} should not exist`]
        : transformerSkippedProblems(`${path}.${name}`, value[name]),
    );
  }
  return [];
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
