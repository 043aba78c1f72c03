/**
 * PostgreSQL's text types cannot hold U+0000: a statement binding such a value fails as a whole
 * ("invalid byte sequence for encoding UTF8: 0x00"). No stored value contains it, so a client's
 * text that does is refused as a bad request before it reaches the database, on every database.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000');
}

/**
 * The places in a JSON value (`body.reason`, `body.rules[2].setting`) whose text, a string or a
 * property name, is not storable.
 */
export function unstorableTextPlaces(path: string, value: unknown): string[] {
  if (typeof value === 'string') {
    return isStorableText(value) ? [] : [path];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      unstorableTextPlaces(`${path}[${index}]`, item),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, item]) =>
      isStorableText(name)
        ? unstorableTextPlaces(`${path}.${name}`, item)
        : [`${path}.${name.replaceAll('\u0000', '\\u0000')}`],
    );
  }
  return [];
}

/**
 * Instants every database here stores and Graph writes (.NET's DateTimeOffset): the years 0001
 * to 9999. PostgreSQL refuses a statement binding one before 4713 BC as a whole.
 */
export const STORABLE_YEARS = { first: 1, last: 9999 } as const;

export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= STORABLE_YEARS.first && year <= STORABLE_YEARS.last;
}
