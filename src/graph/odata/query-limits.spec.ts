import { GraphError } from '../graph-error.js';
import { systemQueryOptions } from './list-query.js';
import {
  checkQueryLimits,
  type ParsedQueryOption,
  QUERY_LIMITS,
} from './query-limits.js';

const DEPTH_ERROR = 'The $filter is nested more than 16 levels deep.';
const OPERATORS_ERROR = /^The \$filter has more than 32 operators/;

function nested(levels: number, inner = "subjectId eq 'x'"): string {
  return `${'('.repeat(levels)}${inner}${')'.repeat(levels)}`;
}

function refusal(option: ParsedQueryOption, text: string): string {
  try {
    checkQueryLimits(option, text);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 400, code: 'BadRequest' });
    return (error as Error).message;
  }
  throw new Error(`$${option} '${text.slice(0, 80)}…' was accepted`);
}

describe('checkQueryLimits', () => {
  it.each([
    ['filter', 2048],
    ['orderby', 512],
    ['select', 512],
    ['expand', 512],
  ] as const)('takes a $%s of %i characters, not one more', (option, limit) => {
    expect(QUERY_LIMITS.length[option]).toBe(limit);
    expect(() => checkQueryLimits(option, 'a'.repeat(limit))).not.toThrow();
    expect(refusal(option, 'a'.repeat(limit + 1))).toBe(
      `The $${option} is longer than ${limit} characters.`,
    );
  });

  it('takes 16 levels of parentheses, not 17', () => {
    expect(() => checkQueryLimits('filter', nested(16))).not.toThrow();
    expect(refusal('filter', nested(17))).toBe(DEPTH_ERROR);
    expect(refusal('filter', nested(1100))).toBe(
      'The $filter is longer than 2048 characters.',
    );
    expect(refusal('filter', '('.repeat(17))).toBe(DEPTH_ERROR);
  });

  it('counts the depth, not the number of parentheses', () => {
    const siblings = Array.from({ length: 60 }, () => nested(16, 'a')).join(
      ',',
    );

    expect(() => checkQueryLimits('filter', siblings)).not.toThrow();
  });

  it('counts brackets and braces as nesting: the parser nests JSON literals too', () => {
    expect(refusal('filter', `a eq ${'['.repeat(17)}`)).toBe(DEPTH_ERROR);
    expect(refusal('filter', `a eq ${'{"a":'.repeat(17)}1`)).toBe(DEPTH_ERROR);
    expect(refusal('filter', `a eq ${'([{'.repeat(6)}`)).toBe(DEPTH_ERROR);
  });

  it('does not count parentheses or operators inside string literals', () => {
    const literal = `'${'( or not eq /-'.repeat(60)}'`;

    expect(() =>
      checkQueryLimits('filter', `reason eq ${literal}`),
    ).not.toThrow();
    expect(() =>
      checkQueryLimits('filter', nested(16, `reason eq 'it''s ((((('`)),
    ).not.toThrow();
    expect(refusal('filter', nested(17, `reason eq 'it''s ((((('`))).toBe(
      DEPTH_ERROR,
    );
    expect(refusal('filter', `reason eq '((' and ${nested(17)}`)).toBe(
      DEPTH_ERROR,
    );
  });

  it.each([
    ['not', (n: number) => `${'not '.repeat(n - 1)}a eq 1`],
    ['or', (n: number) => `a eq 1${' or b'.repeat(n - 1)}`],
    [
      'comparisons with and',
      (n: number) =>
        `${n % 2 ? '' : 'not '}a eq 1${' and a eq 1'.repeat((n - 1) >> 1)}`,
    ],
    ['path segments', (n: number) => `a${'/b'.repeat(n - 1)} eq 1`],
    ['signs', (n: number) => `a eq ${'-'.repeat(n - 1)}1`],
    ['arithmetic', (n: number) => `a eq 1${' add 1'.repeat(n - 1)}`],
    [
      'mixed operators in any case',
      (n: number) =>
        `${'NOT '.repeat(n - 24)}a${'/b'.repeat(8)} Eq -1${' OR a IN (1)'.repeat(7)}`,
    ],
  ])('takes 32 operators, not 33: %s', (_case, text) => {
    expect(() => checkQueryLimits('filter', text(32))).not.toThrow();
    expect(refusal('filter', text(33))).toMatch(OPERATORS_ERROR);
  });

  it('counts neither the hyphens of dates and GUIDs nor operator-like parts of names', () => {
    const guids = Array.from(
      { length: 40 },
      () => '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    ).join(',');

    expect(() =>
      checkQueryLimits(
        'filter',
        `subjectId in (${guids}) and requestedDateTime ge 2026-01-01T00:00:00-05:00 and order eq 1 and android eq 1 and inner ne 2`,
      ),
    ).not.toThrow();
  });

  it('refuses a chain of 1000 not by its length and of 500 by its operators', () => {
    expect(refusal('filter', `${'not '.repeat(1000)}a eq 1`)).toBe(
      'The $filter is longer than 2048 characters.',
    );
    expect(refusal('filter', `${'not '.repeat(500)}a eq 1`)).toMatch(
      OPERATORS_ERROR,
    );
  });

  it.each(['orderby', 'select', 'expand'] as const)(
    'limits the nesting and operators of $%s alike',
    (option) => {
      expect(refusal(option, `a($select=${'('.repeat(16)}`)).toBe(
        `The $${option} is nested more than 16 levels deep.`,
      );
      expect(refusal(option, `a${'/a'.repeat(33)}`)).toMatch(
        new RegExp(`^The \\$${option} has more than 32 operators`),
      );
    },
  );
});

describe('systemQueryOptions', () => {
  const URL = '/beta/privilegedAccess/azureResources/roleAssignmentRequests';

  it.each(['$filter', 'filter', '$FILTER'])(
    'checks the limits of %s before anything parses it',
    (name) => {
      expect(() =>
        systemQueryOptions(`${URL}?${name}=${encodeURIComponent(nested(17))}`),
      ).toThrow(DEPTH_ERROR);
    },
  );

  it('measures the decoded text', () => {
    const text = `reason eq '${'%'.repeat(2000)}'`;

    expect(
      systemQueryOptions(`${URL}?$filter=${encodeURIComponent(text)}`).get(
        'filter',
      ),
    ).toBe(text);
  });

  it('leaves the options the parser does not read to their own checks', () => {
    expect(
      systemQueryOptions(`${URL}?$skiptoken=${'('.repeat(3000)}`).get(
        'skiptoken',
      ),
    ).toHaveLength(3000);
  });
});
