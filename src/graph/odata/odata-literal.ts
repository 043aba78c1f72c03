/** A literal of a `$filter` expression, decoded from the parser's token. */
export type ODataLiteral =
  | { readonly edmType: 'Edm.String'; readonly value: string }
  | { readonly edmType: 'Edm.Guid'; readonly value: string }
  | {
      readonly edmType: 'Edm.DateTimeOffset' | 'Edm.Date';
      readonly value: Date;
    }
  | { readonly edmType: 'Edm.Boolean'; readonly value: boolean }
  | { readonly edmType: IntegerEdmType; readonly value: number }
  | { readonly edmType: 'null'; readonly value: null }
  /** A literal of a type no property has (decimals, durations…): named in the error it causes. */
  | { readonly edmType: string; readonly value: undefined };

/** The types the parser gives an integer literal, by its size. */
export const INTEGER_EDM_TYPES = [
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
] as const;
type IntegerEdmType = (typeof INTEGER_EDM_TYPES)[number];

/** The parser's literal token: its Edm type and its source text. */
export interface LiteralToken {
  readonly value: string;
  readonly raw: string;
}

/**
 * The value of a literal token. The parser has checked its syntax and told its type; this only
 * reads the value out of its text (a string's quotes and encoded characters, a date's calendar).
 */
export function decodeLiteral(token: LiteralToken): ODataLiteral {
  switch (token.value) {
    case 'Edm.String':
      return {
        edmType: 'Edm.String',
        value: decodeStringContent(token.raw.slice(1, -1)).replaceAll(
          "''",
          "'",
        ),
      };
    case 'Edm.Guid':
      return { edmType: 'Edm.Guid', value: token.raw.toLowerCase() };
    case 'Edm.DateTimeOffset':
    case 'Edm.Date':
      return decodeDate(token.value, token.raw);
    case 'Edm.Boolean':
      return { edmType: 'Edm.Boolean', value: token.raw === 'true' };
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64': {
      const value = Number(token.raw);
      // Past 2^53 a number is no longer the integer written.
      return Number.isSafeInteger(value)
        ? { edmType: token.value, value }
        : { edmType: token.value, value: undefined };
    }
    case 'null':
      return { edmType: 'null', value: null };
    default:
      return { edmType: token.value, value: undefined };
  }
}

/**
 * The parser reads `$filter` as it appears in a URL: in a string literal it refuses the
 * characters a URL must percent-encode (`/`, `%`, `\`, `#`, `?`…) and takes `%XX` for an
 * encoded character. The option's value arrives URL-decoded, so this encodes those characters
 * again inside string literals, for `decodeLiteral` to decode.
 */
export function encodeStringLiterals(text: string): string {
  let quoted = false;
  let encoded = '';
  for (const character of text) {
    if (character === "'") {
      quoted = !quoted;
    }
    const code = character.charCodeAt(0);
    encoded +=
      quoted &&
      (code < 0x20 || code === 0x7f || URL_ENCODED.includes(character))
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : character;
  }
  return encoded;
}

const URL_ENCODED = '"#%/<>?[\\]^`{|}';

/** A string literal's content as `encodeStringLiterals` encoded it: every `%` starts a `%XX`. */
function decodeStringContent(content: string): string {
  return content.replace(/%([0-9A-F]{2})/g, (_match, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function decodeDate(
  edmType: 'Edm.DateTimeOffset' | 'Edm.Date',
  raw: string,
): ODataLiteral {
  // A date alone is midnight UTC; Date.parse reads date-only ISO forms as UTC.
  const value = new Date(raw);
  return Number.isNaN(value.getTime())
    ? { edmType, value: undefined }
    : { edmType, value };
}

/**
 * The items of an `in` list's text, `('a', 'b,c', 'it''s')`: split at the commas outside quoted
 * strings. The parser has checked the list's syntax but keeps it as one token.
 */
export function splitListLiteral(raw: string): string[] {
  const inner = raw.trim().slice(1, -1);
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of inner) {
    if (character === "'") {
      quoted = !quoted;
    }
    if (character === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else {
      current += character;
    }
  }
  if (current.trim() !== '' || items.length > 0) {
    items.push(current.trim());
  }
  return items;
}
