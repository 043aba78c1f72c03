import { SqliteDatabase, type SqliteConnection } from './sqlite-driver.js';
import { lowerEachCharacter, registerUnicodeLower } from './unicode-lower.js';

describe('lowerEachCharacter', () => {
  it.each([
    ['ÄRZTE Köln', 'ärzte köln'],
    ['ASCII Only 123', 'ascii only 123'],
    ['ẞ', 'ß'],
    ['ǅ Ⅰ Ⓐ', 'ǆ ⅰ ⓐ'],
    ['', ''],
  ])('lowers %p to %p', (text, lowered) => {
    expect(lowerEachCharacter(text)).toBe(lowered);
  });

  it('lowers each Σ to σ, at the end of a word too, as PostgreSQL does', () => {
    expect(lowerEachCharacter('ΟΔΟΣ ΣΑ')).toBe('οδοσ σα');
  });

  it('lowers İ to i alone, keeping the length', () => {
    expect(lowerEachCharacter('İzmir')).toBe('izmir');
  });

  it('leaves characters without a lowercase as they are', () => {
    expect(lowerEachCharacter('straße 1% _\\ 😀')).toBe('straße 1% _\\ 😀');
  });
});

describe('registerUnicodeLower', () => {
  let connection: SqliteConnection;

  beforeEach(() => {
    connection = new SqliteDatabase(':memory:');
    registerUnicodeLower(connection);
  });
  afterEach(() => connection.close());

  it('makes lower() fold non-ASCII capitals', () => {
    expect(
      connection.prepare("SELECT lower('ÄRZTE') AS lowered").get(),
    ).toEqual({ lowered: 'ärzte' });
  });

  it('keeps lower(NULL) NULL and lowers a number to its text, as the built-in does', () => {
    expect(
      connection.prepare('SELECT lower(NULL) AS a, lower(12) AS b').get(),
    ).toEqual({ a: null, b: '12' });
  });

  it('is deterministic, so that an index or a CHECK may use it', () => {
    expect(() =>
      connection.exec(
        'CREATE TABLE t (name TEXT); CREATE INDEX t_lower ON t (lower(name))',
      ),
    ).not.toThrow();
  });
});
