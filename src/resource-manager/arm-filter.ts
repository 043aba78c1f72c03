import { ArmError } from './arm-error.js';

/**
 * A list's `$filter` as ARM's PIM lists take it: functions without arguments (`atScope()`,
 * `asTarget()`) and `property eq 'value'` comparisons, joined by `and`, in parentheses or not.
 */
export interface ArmFilter {
  /** The functions named, lower-cased. */
  readonly functions: ReadonlySet<string>;
  /** The compared properties, lower-cased, and their values. */
  readonly equals: ReadonlyMap<string, string>;
}

const FUNCTION_TERM = /^([a-z]+)\(\)$/i;
const EQUALS_TERM = /^([a-z]+)\s+eq\s+'([^']*)'$/i;

export class InvalidFilterError extends ArmError {
  constructor(filter: string, detail: string) {
    super(
      400,
      'InvalidFilter',
      `The filter '${filter}' is not supported: ${detail}`,
    );
  }
}

/**
 * Reads a `$filter`, refusing a term outside `supported` (functions as `name()`, properties as
 * `name`), so that a filter the service would not apply never widens a list silently.
 */
export function parseArmFilter(
  text: string | undefined,
  supported: { functions: readonly string[]; properties: readonly string[] },
): ArmFilter {
  const functions = new Set<string>();
  const equals = new Map<string, string>();
  if (text === undefined || text.trim() === '') {
    return { functions, equals };
  }
  const knownFunctions = new Set(supported.functions.map(lower));
  const knownProperties = new Set(supported.properties.map(lower));
  for (const term of termsOf(text)) {
    const call = FUNCTION_TERM.exec(term);
    if (call && knownFunctions.has(lower(call[1]))) {
      functions.add(lower(call[1]));
      continue;
    }
    const comparison = EQUALS_TERM.exec(term);
    if (comparison && knownProperties.has(lower(comparison[1]))) {
      equals.set(lower(comparison[1]), comparison[2]);
      continue;
    }
    throw new InvalidFilterError(
      text,
      `'${term}' is none of ${[...supported.functions.map((name) => `${name}()`), ...supported.properties.map((name) => `${name} eq '…'`)].join(', ')}.`,
    );
  }
  return { functions, equals };
}

function termsOf(text: string): string[] {
  return text.split(/\s+and\s+/i).map(ungrouped);
}

/** A term without the parentheses that group it (a function's own `()` stays). */
function ungrouped(term: string): string {
  let result = term.trim();
  while (result.endsWith(')') && !result.endsWith('()')) {
    result = result.slice(0, -1).trim();
  }
  while (result.startsWith('(')) {
    result = result.slice(1).trim();
  }
  return result;
}

function lower(text: string): string {
  return text.toLowerCase();
}
