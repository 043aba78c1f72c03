import { ShapedStatement } from './shaped-statement.js';

interface Lookup {
  readonly id: string;
  readonly states: readonly string[];
}

function lookups(onWrite: () => void = () => undefined) {
  return new ShapedStatement<Lookup>((index) => `$${index + 1}`, {
    shapeOf: (input) => String(input.states.length),
    write: (input, next) => {
      onWrite();
      return `SELECT * FROM t WHERE id = ${next()} AND state IN (${input.states.map(() => next()).join(', ')})`;
    },
    values: (input) => [input.id, ...input.states],
  });
}

describe('ShapedStatement', () => {
  it('binds each call its own values in the order of the placeholders', () => {
    const statement = lookups();
    expect(statement.of({ id: 'a', states: ['x', 'y'] })).toEqual({
      text: 'SELECT * FROM t WHERE id = $1 AND state IN ($2, $3)',
      parameters: ['a', 'x', 'y'],
    });
    expect(statement.of({ id: 'b', states: ['z', 'w'] }).parameters).toEqual([
      'b',
      'z',
      'w',
    ]);
  });

  it('writes a text once per shape', () => {
    let writes = 0;
    const statement = lookups(() => (writes += 1));
    statement.of({ id: 'a', states: ['x'] });
    statement.of({ id: 'b', states: ['y'] });
    const longer = statement.of({ id: 'c', states: ['x', 'y', 'z'] });
    expect(writes).toBe(2);
    expect(longer.text).toBe(
      'SELECT * FROM t WHERE id = $1 AND state IN ($2, $3, $4)',
    );
  });

  it('refuses a text whose placeholders do not match its values', () => {
    const statement = new ShapedStatement<Lookup>((index) => `$${index + 1}`, {
      shapeOf: () => 'one',
      write: (_input, next) => `SELECT * FROM t WHERE id = ${next()}`,
      values: (input) => [input.id, ...input.states],
    });
    expect(() => statement.of({ id: 'a', states: ['x'] })).toThrow(
      "The statement of shape 'one' has 1 placeholders for 2 values.",
    );
  });
});

describe('ShapedStatement placeholders', () => {
  it('numbers placeholders in the order of the text, whatever order they were asked for', () => {
    const statement = new ShapedStatement<{ id: string; state: string }>(
      (index) => `$${index + 1}`,
      {
        shapeOf: () => 'one',
        write: (_input, next) => {
          const where = `id = ${next()}`;
          return `UPDATE t SET state = ${next()} WHERE ${where}`;
        },
        values: (input) => [input.id, input.state],
      },
    );
    expect(statement.of({ id: 'a', state: 'x' })).toEqual({
      text: 'UPDATE t SET state = $1 WHERE id = $2',
      parameters: ['x', 'a'],
    });
  });
});
