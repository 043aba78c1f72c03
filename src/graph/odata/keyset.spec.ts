import { BadRequestError } from '../graph-errors.js';
import type { ODataPropertyType } from './graph-type.js';
import type { SqlPropertyContext } from './filter-sql.js';
import { Keyset } from './keyset.js';
import type { OrderByItem } from './list-query.js';

const TYPES: Readonly<Record<string, ODataPropertyType>> = {
  id: 'guid',
  displayName: 'string',
  createdDateTime: 'dateTime',
  isEnabled: 'boolean',
  'status/subStatus': 'string',
};
const COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  displayName: 'display_name',
  createdDateTime: 'created_at',
  isEnabled: 'enabled',
  'status/subStatus': 'sub_status',
};

const GUID = '0123abcd-89ab-cdef-0123-456789abcdef';
const CREATED = new Date('2024-01-02T03:04:05.678Z');

function keysetOf(...orderBy: OrderByItem[]): Keyset {
  return Keyset.of(orderBy, (property) => TYPES[property]);
}

/** A token holding any JSON, as a client could forge one. */
function forged(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

class RecordingContext implements SqlPropertyContext {
  readonly values: unknown[] = [];

  column(property: string): string {
    return `e.${COLUMNS[property]}`;
  }

  nullable(): boolean {
    return false;
  }

  bind(_property: string, value: unknown): string {
    this.values.push(value);
    return `:p${this.values.length - 1}`;
  }
}

const INVALID =
  'The $skiptoken is not valid for this request: use the @odata.nextLink of the previous page as given.';

describe('Keyset', () => {
  describe('of', () => {
    it('adds id to make the order total', () => {
      expect(
        keysetOf({ property: 'displayName', direction: 'desc' }).keys,
      ).toEqual([
        { property: 'displayName', direction: 'desc', type: 'string' },
        { property: 'id', direction: 'asc', type: 'guid' },
      ]);
    });

    it('orders by id alone by default', () => {
      expect(keysetOf().keys).toEqual([
        { property: 'id', direction: 'asc', type: 'guid' },
      ]);
    });

    it('keeps an id the order already has, with its direction', () => {
      expect(
        keysetOf(
          { property: 'id', direction: 'desc' },
          { property: 'displayName', direction: 'asc' },
        ).keys,
      ).toEqual([
        { property: 'id', direction: 'desc', type: 'guid' },
        { property: 'displayName', direction: 'asc', type: 'string' },
      ]);
    });
  });

  describe('tokenAfter and valuesOf', () => {
    it('round-trip the values of every type', () => {
      const keyset = keysetOf(
        { property: 'isEnabled', direction: 'desc' },
        { property: 'createdDateTime', direction: 'asc' },
        { property: 'displayName', direction: 'desc' },
      );
      const values = [false, CREATED, 'it\'s, a "name" / é', GUID];

      const token = keyset.tokenAfter(values);

      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(keyset.valuesOf(token)).toEqual(values);
      expect(keyset.valuesOf(token)[1]).toBeInstanceOf(Date);
    });

    it('round-trips a date given as its ISO text', () => {
      const keyset = keysetOf({
        property: 'createdDateTime',
        direction: 'asc',
      });

      expect(
        keyset.valuesOf(keyset.tokenAfter([CREATED.toISOString(), GUID])),
      ).toEqual([CREATED, GUID]);
    });

    it('accepts the token of an equal keyset', () => {
      const token = keysetOf({
        property: 'displayName',
        direction: 'asc',
      }).tokenAfter(['b', GUID]);

      expect(
        keysetOf({ property: 'displayName', direction: 'asc' }).valuesOf(token),
      ).toEqual(['b', GUID]);
    });

    it.each<[string, OrderByItem[]]>([
      ['the other direction', [{ property: 'displayName', direction: 'desc' }]],
      [
        'another property',
        [{ property: 'status/subStatus', direction: 'asc' }],
      ],
      ['no $orderby', []],
      [
        'one more property',
        [
          { property: 'displayName', direction: 'asc' },
          { property: 'createdDateTime', direction: 'asc' },
        ],
      ],
      [
        'the same properties in another order',
        [
          { property: 'id', direction: 'asc' },
          { property: 'displayName', direction: 'asc' },
        ],
      ],
    ])('refuses a token made for %s', (_case, orderBy) => {
      const token = keysetOf({
        property: 'displayName',
        direction: 'asc',
      }).tokenAfter(['b', GUID]);

      expect(() => keysetOf(...orderBy).valuesOf(token)).toThrow(
        new BadRequestError(INVALID),
      );
    });

    it('refuses a token of the default order under an $orderby', () => {
      const token = keysetOf().tokenAfter([GUID]);

      expect(() =>
        keysetOf({ property: 'displayName', direction: 'asc' }).valuesOf(token),
      ).toThrow(BadRequestError);
    });

    const ORDER = 'displayName asc,createdDateTime desc,id asc';
    const keyset = keysetOf(
      { property: 'displayName', direction: 'asc' },
      { property: 'createdDateTime', direction: 'desc' },
    );

    it('reads a token it did not make when it is well formed', () => {
      expect(
        keyset.valuesOf(
          forged({ order: ORDER, key: ['b', CREATED.toISOString(), GUID] }),
        ),
      ).toEqual(['b', CREATED, GUID]);
    });

    it.each<[string, string]>([
      ['an empty token', ''],
      ['garbage', 'garbage'],
      ['a token that is not base64', '!!!*** ???'],
      ['a SQL text', "' OR 1=1 --"],
      [
        'base64 of text that is not JSON',
        Buffer.from('{"order":').toString('base64url'),
      ],
      ['JSON null', forged(null)],
      ['a JSON number', forged(5)],
      ['a JSON string', forged(ORDER)],
      ['a JSON array', forged([ORDER, ['b', CREATED.toISOString(), GUID]])],
      [
        'an object without an order',
        forged({ key: ['b', CREATED.toISOString(), GUID] }),
      ],
      ['an object without a key', forged({ order: ORDER })],
      ['a key that is not a list', forged({ order: ORDER, key: 'b' })],
      [
        'too few values',
        forged({ order: ORDER, key: ['b', CREATED.toISOString()] }),
      ],
      [
        'too many values',
        forged({ order: ORDER, key: ['b', CREATED.toISOString(), GUID, GUID] }),
      ],
      [
        'a number for a string',
        forged({ order: ORDER, key: [1, CREATED.toISOString(), GUID] }),
      ],
      [
        'null for a string',
        forged({ order: ORDER, key: [null, CREATED.toISOString(), GUID] }),
      ],
      [
        'an object for a string',
        forged({ order: ORDER, key: [{}, CREATED.toISOString(), GUID] }),
      ],
      [
        'a date that is not one',
        forged({ order: ORDER, key: ['b', 'yesterday', GUID] }),
      ],
      [
        'a number for a date',
        forged({ order: ORDER, key: ['b', 1704164645678, GUID] }),
      ],
      [
        'a date before the year 0001, which PostgreSQL may not bind',
        forged({
          order: ORDER,
          key: ['b', '-100000-12-31T23:59:59.999Z', GUID],
        }),
      ],
      [
        'a date after the year 9999',
        forged({
          order: ORDER,
          key: ['b', '+010000-01-01T00:00:00.000Z', GUID],
        }),
      ],
      [
        'a string with U+0000, which PostgreSQL cannot bind',
        forged({ order: ORDER, key: ['b\u0000', CREATED.toISOString(), GUID] }),
      ],
      [
        'a boolean for a GUID',
        forged({ order: ORDER, key: ['b', CREATED.toISOString(), true] }),
      ],
      [
        'an order written otherwise',
        forged({
          order: 'displayName,createdDateTime desc,id',
          key: ['b', CREATED.toISOString(), GUID],
        }),
      ],
    ])('refuses %s', (_case, token) => {
      expect(() => keyset.valuesOf(token)).toThrow(
        new BadRequestError(INVALID),
      );
    });

    it('refuses a string for a boolean key', () => {
      const booleans = keysetOf({ property: 'isEnabled', direction: 'asc' });

      expect(() =>
        booleans.valuesOf(
          forged({ order: 'isEnabled asc,id asc', key: ['true', GUID] }),
        ),
      ).toThrow(BadRequestError);
    });

    it('refuses a token cut short or altered', () => {
      const token = keyset.tokenAfter(['b', CREATED, GUID]);

      expect(() => keyset.valuesOf(token.slice(0, -4))).toThrow(
        BadRequestError,
      );
      expect(() => keyset.valuesOf(`x${token}`)).toThrow(BadRequestError);
      expect(() => keyset.valuesOf(token.slice(4))).toThrow(BadRequestError);
    });
  });

  describe('afterSql', () => {
    it('writes the rows after a key of one column', () => {
      const context = new RecordingContext();

      expect(keysetOf().afterSql([GUID], context)).toBe('((e.id > :p0))');
      expect(context.values).toEqual([GUID]);
    });

    it('writes an ascending and descending order of three keys', () => {
      const context = new RecordingContext();
      const keyset = keysetOf(
        { property: 'displayName', direction: 'asc' },
        { property: 'createdDateTime', direction: 'desc' },
      );

      expect(keyset.afterSql(['b', CREATED, GUID], context)).toBe(
        '((e.display_name > :p0)' +
          ' OR (e.display_name = :p1 AND e.created_at < :p2)' +
          ' OR (e.display_name = :p3 AND e.created_at = :p4 AND e.id > :p5))',
      );
      expect(context.values).toEqual(['b', 'b', CREATED, 'b', CREATED, GUID]);
    });

    it('writes a descending order throughout', () => {
      const context = new RecordingContext();
      const keyset = keysetOf(
        { property: 'isEnabled', direction: 'desc' },
        { property: 'id', direction: 'desc' },
      );

      expect(keyset.afterSql([true, GUID], context)).toBe(
        '((e.enabled < :p0) OR (e.enabled = :p1 AND e.id < :p2))',
      );
      expect(context.values).toEqual([true, true, GUID]);
    });

    it('binds the values of a forged token, never writing them', () => {
      const context = new RecordingContext();
      const keyset = keysetOf({ property: 'displayName', direction: 'asc' });
      const value = "'); DROP TABLE resources; --";
      const values = keyset.valuesOf(
        forged({ order: 'displayName asc,id asc', key: [value, value] }),
      );

      const sql = keyset.afterSql(values, context);

      expect(sql).toBe(
        '((e.display_name > :p0) OR (e.display_name = :p1 AND e.id > :p2))',
      );
      expect(context.values).toEqual([value, value, value]);
    });
  });
});
