import { InvalidFilterError, parseArmFilter } from './arm-filter.js';

const SUPPORTED = {
  functions: ['atScope', 'asTarget'],
  properties: ['principalId'],
};

describe('parseArmFilter', () => {
  it('reads functions and comparisons joined by and, in parentheses or not', () => {
    const filter = parseArmFilter(
      "(asTarget()) and (principalId eq 'P1')",
      SUPPORTED,
    );

    expect([...filter.functions]).toEqual(['astarget']);
    expect([...filter.equals]).toEqual([['principalid', 'P1']]);
  });

  it('is empty without a filter', () => {
    expect(parseArmFilter(undefined, SUPPORTED).functions.size).toBe(0);
    expect(parseArmFilter('  ', SUPPORTED).equals.size).toBe(0);
  });

  it.each([
    "status eq 'Granted'",
    'asApprover()',
    "principalId ne 'P1'",
    'atScope() or asTarget()',
    'principalId eq P1',
  ])('refuses a term it does not apply: %s', (text) => {
    expect(() => parseArmFilter(text, SUPPORTED)).toThrow(InvalidFilterError);
  });
});
