/**
 * PostgreSQL's text types cannot hold U+0000: a statement binding such a value fails as a whole
 * ("invalid byte sequence for encoding UTF8: 0x00"). No stored value contains it, so a client's
 * text that does is refused as a bad request before it reaches the database, on every database.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000');
}
