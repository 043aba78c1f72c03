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
 * The instants the service takes and stores, the one range every date of a body, a `$filter`,
 * a seed, the emulator's clock and a computed schedule end is held to: the years 0001 to 9999
 * UTC, as Graph writes them (.NET's DateTimeOffset). Beyond it the databases differ: PostgreSQL
 * refuses a statement binding an instant before 4713 BC as a whole, and TypeORM writes SQLite's
 * text with the last four digits of the year, so that 10009 is read back as 0009.
 */
const STORABLE_YEARS = { first: 1, last: 9999 } as const;

/** 9999-12-31T23:59:59.999Z. */
export const LAST_STORABLE_INSTANT = new Date(
  Date.UTC(STORABLE_YEARS.last, 11, 31, 23, 59, 59, 999),
);

/** `the years 0001 to 9999`, for messages that name the range. */
export const STORABLE_YEARS_TEXT = `the years ${yearText(STORABLE_YEARS.first)} to ${yearText(STORABLE_YEARS.last)}`;

/** Whether `date` is a valid instant in the storable years. */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= STORABLE_YEARS.first && year <= STORABLE_YEARS.last;
}

function yearText(year: number): string {
  return String(year).padStart(4, '0');
}
