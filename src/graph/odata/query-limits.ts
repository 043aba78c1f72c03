import { BadRequestError } from '../graph-errors.js';
import type { SystemQueryOption } from './query-options.js';

/** The options the OData parser reads, and so the ones whose size is limited. */
export type ParsedQueryOption = Extract<
  SystemQueryOption,
  'filter' | 'orderby' | 'select' | 'expand'
>;

/**
 * The OData parser's time grows with the text's length times the depth of its tree: every
 * token keeps its own copy of its source, and parentheses, operators and path segments each
 * nest one more level. Unbounded, one request of a few kilobytes held the event loop, every
 * tenant's requests with it, for seconds. At these limits the worst text found parses in about
 * 5 ms, while the filters Graph's SDKs and scripts send stay far below them.
 */
export const QUERY_LIMITS = {
  length: { filter: 2048, orderby: 512, select: 512, expand: 512 },
  depth: 16,
  operators: 32,
} as const satisfies {
  length: Record<ParsedQueryOption, number>;
  depth: number;
  operators: number;
};

export function isParsedQueryOption(
  option: SystemQueryOption,
): option is ParsedQueryOption {
  return Object.hasOwn(QUERY_LIMITS.length, option);
}

/** Words that nest the parser's tree without parentheses: logical, comparison, arithmetic. */
const OPERATORS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'in',
  'has',
  'add',
  'sub',
  'mul',
  'div',
  'divby',
  'mod',
]);

const OPENING = '([{';
const CLOSING = ')]}';
const WORD = /[A-Za-z0-9_]/;

/**
 * Refuses an option the parser would take too long on: too long, nested too deep, or with too
 * many operators. One pass over the text, which string literals do not count in: `'a(b'` is no
 * nesting and `'x or y'` no operator. A `/` (a path segment) and a sign (`-` not inside a
 * number, date or GUID) nest like an operator, so they count as one.
 */
export function checkQueryLimits(
  option: ParsedQueryOption,
  text: string,
): void {
  const maximumLength = QUERY_LIMITS.length[option];
  if (text.length > maximumLength) {
    throw new BadRequestError(
      `The $${option} is longer than ${maximumLength} characters.`,
    );
  }
  let quoted = false;
  let depth = 0;
  let operators = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    const previous = index > 0 ? text[index - 1] : '';
    index++;
    if (character === "'") {
      // A quote inside a literal is doubled: it ends the literal and starts it again.
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (OPENING.includes(character)) {
      depth++;
      if (depth > QUERY_LIMITS.depth) {
        throw new BadRequestError(
          `The $${option} is nested more than ${QUERY_LIMITS.depth} levels deep.`,
        );
      }
    } else if (CLOSING.includes(character)) {
      depth = Math.max(0, depth - 1);
    } else if (
      character === '/' ||
      (character === '-' && !WORD.test(previous))
    ) {
      operators++;
    } else if (WORD.test(character) && !WORD.test(previous)) {
      const start = index - 1;
      while (index < text.length && WORD.test(text[index])) {
        index++;
      }
      if (OPERATORS.has(text.slice(start, index).toLowerCase())) {
        operators++;
      }
    }
    if (operators > QUERY_LIMITS.operators) {
      throw new BadRequestError(
        `The $${option} has more than ${QUERY_LIMITS.operators} operators (and, or, not, comparisons, arithmetic, signs and path segments count).`,
      );
    }
  }
}
