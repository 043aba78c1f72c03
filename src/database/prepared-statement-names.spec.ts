import { PreparedStatementNames } from './prepared-statement-names.js';

describe('PreparedStatementNames', () => {
  it('gives each text one name of its own', () => {
    const names = new PreparedStatementNames(10);

    const first = names.nameOf('SELECT 1');

    expect(first).toBeDefined();
    expect(names.nameOf('SELECT 1')).toBe(first);
    expect(names.nameOf('SELECT 2')).not.toBe(first);
  });

  it('names no more texts than its capacity: the others run unnamed', () => {
    const names = new PreparedStatementNames(2);
    names.nameOf('SELECT 1');
    names.nameOf('SELECT 2');

    expect(names.nameOf('SELECT 3')).toBeUndefined();
    expect(names.nameOf('SELECT 1')).toBeDefined();
  });

  it('names a forgotten text afresh, never with a name given before', () => {
    const names = new PreparedStatementNames(2);
    const before = names.nameOf('SELECT * FROM t');
    names.nameOf('SELECT 2');

    names.forget('SELECT * FROM t');
    const after = names.nameOf('SELECT * FROM t');

    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('tells whether a text has a name without giving it one', () => {
    const names = new PreparedStatementNames(1);
    names.nameOf('SELECT 1');

    expect(names.isNamed('SELECT 1')).toBe(true);
    expect(names.isNamed('SELECT 2')).toBe(false);
    names.forget('SELECT 1');
    expect(names.isNamed('SELECT 1')).toBe(false);
    expect(names.nameOf('SELECT 2')).toBeDefined();
  });
});
