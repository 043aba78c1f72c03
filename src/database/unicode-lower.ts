import type { Database } from 'better-sqlite3';

const CHANGES_WHEN_LOWERCASED = /\p{Changes_When_Lowercased}/gu;

/**
 * Unicode's simple lowercase mapping, one character at a time: what PostgreSQL's lower() does
 * under a UTF-8 libc locale. JavaScript's toLowerCase() of a whole string applies the full
 * mapping instead: a word-final Σ becomes ς and İ two characters (i and a combining dot), the
 * first of which is its simple mapping.
 */
export function lowerEachCharacter(text: string): string {
  return text.replace(CHANGES_WHEN_LOWERCASED, (character) => {
    const [simple] = character.toLowerCase();
    return simple;
  });
}

/**
 * Replaces SQLite's lower(), which lowers ASCII letters only, on one connection: the string
 * functions of $filter then match the same rows as on PostgreSQL.
 */
export function registerUnicodeLower(
  connection: Pick<Database, 'function'>,
): void {
  connection.function(
    'lower',
    { deterministic: true },
    (value: string | number | bigint | null) =>
      value === null ? null : lowerEachCharacter(String(value)),
  );
}
