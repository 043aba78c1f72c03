import { BadRequestError } from '../graph-errors.js';
import {
  isStorableDate,
  isStorableText,
} from '../../values/storable-values.js';
import type { ODataPropertyType } from './graph-type.js';
import type { SqlPropertyContext } from './filter-sql.js';
import type { OrderByItem } from './list-query.js';

/** A key of a list's order: the `$orderby` properties, then `id` to make the order total. */
export interface SortKey extends OrderByItem {
  readonly type: ODataPropertyType;
}

type KeyValue = string | boolean | Date | number;

/**
 * Server-driven paging by keyset: a `$skiptoken` holds the sort keys of the page's last row,
 * and the next page starts after them. Rows added meanwhile do not shift pages the way an
 * offset would. The token also names the order it was made for, so it is refused under another.
 */
export class Keyset {
  constructor(readonly keys: readonly SortKey[]) {}

  static of(
    orderBy: readonly OrderByItem[],
    typeOf: (property: string) => ODataPropertyType,
  ): Keyset {
    const items = orderBy.some((item) => item.property === 'id')
      ? orderBy
      : [...orderBy, { property: 'id', direction: 'asc' as const }];
    return new Keyset(
      items.map((item) => ({ ...item, type: typeOf(item.property) })),
    );
  }

  /** The token of the page that follows a row whose key values are `values`. */
  tokenAfter(values: readonly unknown[]): string {
    const key = values.map((value) =>
      value instanceof Date ? value.toISOString() : value,
    );
    return Buffer.from(
      JSON.stringify({ order: this.signature(), key }),
    ).toString('base64url');
  }

  /** The key values a token holds, typed as the keys are; a token of another order is refused. */
  valuesOf(token: string): KeyValue[] {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const { order, key } = (decoded ?? {}) as {
      order?: unknown;
      key?: unknown;
    };
    if (
      order !== this.signature() ||
      !Array.isArray(key) ||
      key.length !== this.keys.length
    ) {
      throw invalidToken();
    }
    return key.map((value, index) => keyValue(value, this.keys[index].type));
  }

  /** The condition selecting the rows after `values` in this order. */
  afterSql(values: readonly KeyValue[], context: SqlPropertyContext): string {
    const alternatives = this.keys.map((key, index) => {
      const equalBefore = this.keys
        .slice(0, index)
        .map(
          (previous, position) =>
            `${context.column(previous.property)} = ${context.bind(previous.property, values[position])}`,
        );
      const after = `${context.column(key.property)} ${key.direction === 'asc' ? '>' : '<'} ${context.bind(key.property, values[index])}`;
      return `(${[...equalBefore, after].join(' AND ')})`;
    });
    return `(${alternatives.join(' OR ')})`;
  }

  private signature(): string {
    return this.keys.map((key) => `${key.property} ${key.direction}`).join(',');
  }
}

function keyValue(value: unknown, type: ODataPropertyType): KeyValue {
  if (type === 'boolean' && typeof value === 'boolean') {
    return value;
  }
  if (type === 'integer' && Number.isSafeInteger(value)) {
    return value as number;
  }
  if (type === 'dateTime' && typeof value === 'string') {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime()) && isStorableDate(date)) {
      return date;
    }
  }
  if (
    (type === 'string' || type === 'guid') &&
    typeof value === 'string' &&
    isStorableText(value)
  ) {
    return value;
  }
  throw invalidToken();
}

function invalidToken(): BadRequestError {
  return new BadRequestError(
    'The $skiptoken is not valid for this request: use the @odata.nextLink of the previous page as given.',
  );
}
