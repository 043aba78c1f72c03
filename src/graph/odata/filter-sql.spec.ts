import { BadRequestError } from '../graph-errors.js';
import { type FilterExpression, parseFilter } from './filter-expression.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type { ODataEntitySet } from './entity-set.js';
import {
  filterSql,
  type NavigationSql,
  type SqlConditionContext,
} from './filter-sql.js';
import { GUID, THINGS } from './things.fixture.js';

/** Columns from the entity set's mapping; every bound value recorded in order. */
class RecordingContext implements SqlConditionContext {
  constructor(
    private readonly set: ODataEntitySet = THINGS,
    readonly values: unknown[] = [],
    readonly boundProperties: string[] = [],
    private readonly alias = 't',
  ) {}

  column(property: string): string {
    if (!Object.hasOwn(this.set.properties, property)) {
      throw new Error(`unknown property ${property}`);
    }
    return `"${this.alias}"."${this.set.properties[property].column}"`;
  }

  nullable(property: string): boolean {
    return this.set.properties[property].nullable === true;
  }

  bind(property: string, value: unknown): string {
    this.column(property);
    this.boundProperties.push(property);
    this.values.push(value);
    return `:p${this.values.length - 1}`;
  }

  navigation(
    name: string,
    condition: (target: SqlConditionContext) => string,
  ): NavigationSql {
    const navigation = this.set.navigation[name];
    const target = ENTITY_SETS.target(navigation);
    const where = condition(
      new RecordingContext(
        target,
        this.values,
        this.boundProperties,
        target.name,
      ),
    );
    return {
      source: `"${this.alias}"."${navigation.sourceProperty}"`,
      targets: `SELECT id FROM ${target.name} WHERE ${where}`,
    };
  }
}

function sqlOf(filter: string): { sql: string; values: unknown[] } {
  const context = new RecordingContext();
  const sql = filterSql(parseFilter(filter, THINGS), context);
  return { sql, values: context.values };
}

describe('filterSql', () => {
  describe('comparisons of a property that is not nullable', () => {
    it.each([
      ['eq', '='],
      ['ne', '<>'],
      ['gt', '>'],
      ['ge', '>='],
      ['lt', '<'],
      ['le', '<='],
    ])('writes %s as %s', (operator, sql) => {
      expect(sqlOf(`displayName ${operator} 'abc'`)).toEqual({
        sql: `"t"."displayName" ${sql} :p0`,
        values: ['abc'],
      });
    });

    it('binds booleans, dates and lower-case GUIDs as values', () => {
      expect(sqlOf('isEnabled eq false')).toEqual({
        sql: '"t"."enabled" = :p0',
        values: [false],
      });
      expect(sqlOf('createdDateTime ge 2024-01-02T03:04:05Z')).toEqual({
        sql: '"t"."createdAt" >= :p0',
        values: [new Date('2024-01-02T03:04:05Z')],
      });
      expect(sqlOf(`id eq '${GUID.toUpperCase()}'`)).toEqual({
        sql: '"t"."id" = :p0',
        values: [GUID],
      });
    });

    it('takes the column of a nested path from the mapping', () => {
      expect(sqlOf("status/subStatus eq 'Granted'")).toEqual({
        sql: '"t"."subStatus" = :p0',
        values: ['Granted'],
      });
    });
  });

  describe('comparisons of a nullable property', () => {
    it('lets ne match null', () => {
      expect(sqlOf("note ne 'a'")).toEqual({
        sql: '("t"."note" IS NULL OR "t"."note" <> :p0)',
        values: ['a'],
      });
    });

    it.each([
      ['eq', '='],
      ['gt', '>'],
      ['ge', '>='],
      ['lt', '<'],
      ['le', '<='],
    ])('keeps null out of %s', (operator, sql) => {
      expect(sqlOf(`expirationDateTime ${operator} 2024-01-02`)).toEqual({
        sql: `("t"."expiresAt" IS NOT NULL AND "t"."expiresAt" ${sql} :p0)`,
        values: [new Date('2024-01-02T00:00:00Z')],
      });
    });

    it('writes eq null and ne null without a parameter', () => {
      expect(sqlOf('note eq null')).toEqual({
        sql: '"t"."note" IS NULL',
        values: [],
      });
      expect(sqlOf('note ne null')).toEqual({
        sql: '"t"."note" IS NOT NULL',
        values: [],
      });
    });

    it('keeps not two-valued: not (eq) matches null', () => {
      expect(sqlOf("not (note eq 'a')")).toEqual({
        sql: '(NOT ("t"."note" IS NOT NULL AND "t"."note" = :p0))',
        values: ['a'],
      });
      expect(sqlOf('not (isArchived ne true)')).toEqual({
        sql: '(NOT ("t"."archived" IS NULL OR "t"."archived" <> :p0))',
        values: [true],
      });
    });
  });

  describe('conditions through navigation properties', () => {
    it("selects the keys of the targets meeting the condition, in the target's columns", () => {
      expect(sqlOf("owner/name eq 'Ada'")).toEqual({
        sql: '("t"."ownerId" IS NOT NULL AND "t"."ownerId" IN (SELECT id FROM owners WHERE "owners"."name" = :p0))',
        values: ['Ada'],
      });
    });

    it('nests a subquery per navigation, binding in the order of the text', () => {
      expect(
        sqlOf(
          `displayName eq 'a' and owner/manager/id eq ${GUID} or owner/name eq 'b'`,
        ),
      ).toEqual({
        sql:
          '(("t"."displayName" = :p0 AND ("t"."ownerId" IS NOT NULL AND "t"."ownerId" IN (SELECT id FROM owners WHERE ("owners"."managerId" IS NOT NULL AND "owners"."managerId" IN (SELECT id FROM owners WHERE "owners"."id" = :p1)))))' +
          ' OR ("t"."ownerId" IS NOT NULL AND "t"."ownerId" IN (SELECT id FROM owners WHERE "owners"."name" = :p2)))',
        values: ['a', GUID, 'b'],
      });
    });

    it.each([
      ['owner/name ne null', false],
      ["owner/name ne 'a'", true],
      ['owner/name eq null', true],
      ["owner/name in ('a', null)", true],
      ["startswith(owner/name,'a')", false],
    ])(
      'lets %s hold without a related entity: %p, as of a null property',
      (filter, holds) => {
        expect(sqlOf(filter).sql).toMatch(
          holds
            ? /^\("t"\."ownerId" IS NULL OR "t"\."ownerId" IN \(/
            : /^\("t"\."ownerId" IS NOT NULL AND "t"\."ownerId" IN \(/,
        );
      },
    );
  });

  describe('and, or, not', () => {
    it('parenthesizes every combination', () => {
      expect(
        sqlOf(
          "displayName eq 'a' or displayName eq 'b' and not (isEnabled eq true)",
        ),
      ).toEqual({
        sql: '("t"."displayName" = :p0 OR ("t"."displayName" = :p1 AND (NOT "t"."enabled" = :p2)))',
        values: ['a', 'b', true],
      });
    });

    it('writes not (a) and b as (not a) and b', () => {
      expect(sqlOf("not (displayName eq 'a') and isEnabled eq true")).toEqual({
        sql: '((NOT "t"."displayName" = :p0) AND "t"."enabled" = :p1)',
        values: ['a', true],
      });
    });
  });

  describe('in', () => {
    it('binds every value', () => {
      expect(sqlOf("displayName in ('a', 'b,c', 'it''s')")).toEqual({
        sql: '"t"."displayName" IN (:p0, :p1, :p2)',
        values: ['a', 'b,c', "it's"],
      });
    });

    it('keeps null out of the list of a nullable property', () => {
      expect(sqlOf("note in ('a', 'b')")).toEqual({
        sql: '("t"."note" IS NOT NULL AND "t"."note" IN (:p0, :p1))',
        values: ['a', 'b'],
      });
    });

    it('matches null when the list holds null', () => {
      expect(sqlOf("note in ('a', null)")).toEqual({
        sql: '("t"."note" IS NULL OR ("t"."note" IS NOT NULL AND "t"."note" IN (:p0)))',
        values: ['a'],
      });
      expect(sqlOf('note in (null)')).toEqual({
        sql: '("t"."note" IS NULL OR 1 = 0)',
        values: [],
      });
    });

    it('stays two-valued under not', () => {
      expect(sqlOf("not (note in ('a'))")).toEqual({
        sql: '(NOT ("t"."note" IS NOT NULL AND "t"."note" IN (:p0)))',
        values: ['a'],
      });
    });
  });

  describe('string functions', () => {
    it.each([
      ['startswith', 'aB%'],
      ['endswith', '%aB'],
      ['contains', '%aB%'],
    ])('writes %s as a LIKE of both sides lowered', (name, pattern) => {
      expect(sqlOf(`${name}(displayName, 'aB')`)).toEqual({
        sql: `LOWER("t"."displayName") LIKE LOWER(:p0) ESCAPE '\\'`,
        values: [pattern],
      });
    });

    it('keeps null out of a function of a nullable property', () => {
      expect(sqlOf("not contains(note, 'x')")).toEqual({
        sql: `(NOT ("t"."note" IS NOT NULL AND LOWER("t"."note") LIKE LOWER(:p0) ESCAPE '\\'))`,
        values: ['%x%'],
      });
    });

    it.each([
      ['%', '\\%'],
      ['_', '\\_'],
      ['\\', '\\\\'],
      ['50%_off\\now', '50\\%\\_off\\\\now'],
      ['\\%', '\\\\\\%'],
    ])('escapes the LIKE wildcards of %p', (text, escaped) => {
      expect(sqlOf(`startswith(displayName, '${text}')`)).toEqual({
        sql: `LOWER("t"."displayName") LIKE LOWER(:p0) ESCAPE '\\'`,
        values: [`${escaped}%`],
      });
      expect(sqlOf(`contains(displayName, '${text}')`).values).toEqual([
        `%${escaped}%`,
      ]);
    });

    it('escapes the wildcards of an expression built without the parser', () => {
      const context = new RecordingContext();
      const expression: FilterExpression = {
        kind: 'function',
        name: 'endswith',
        property: 'displayName',
        value: 'A%B_C\\D',
      };
      expect(filterSql(expression, context)).toBe(
        `LOWER("t"."displayName") LIKE LOWER(:p0) ESCAPE '\\'`,
      );
      expect(context.values).toEqual(['%A\\%B\\_C\\\\D']);
    });
  });

  describe('SQL injection', () => {
    const LITERALS = [
      "x' OR 1=1 --",
      "'); DROP TABLE resources; --",
      "' OR '1'='1",
      '"; DROP TABLE resources; --',
      "\\'; DELETE FROM resources WHERE 'a'='a",
      '/* comment */ UNION SELECT * FROM secrets',
      ':p0 OR :p1',
      "%' OR 1=1 --",
    ];

    /** The OData string literal of `value`: quotes doubled. */
    function quoted(value: string): string {
      return `'${value.replaceAll("'", "''")}'`;
    }

    /** The SQL may hold nothing but the mapping's columns, placeholders and its own words. */
    function expectOnlyTrustedText(sql: string, value: string): void {
      expect(sql).not.toContain(value);
      const rest = sql
        .replaceAll(/"t"\."[A-Za-z]+"/g, 'column')
        .replaceAll(`ESCAPE '\\'`, '');
      expect(rest).toMatch(/^[A-Za-z0-9:(), <>=]*$/);
      expect(rest).not.toMatch(/DROP|DELETE|UNION|SELECT|secrets|resources/);
    }

    it.each(LITERALS)('binds %p compared with eq or ne', (value) => {
      const equal = sqlOf(`displayName eq ${quoted(value)}`);
      expect(equal).toEqual({
        sql: '"t"."displayName" = :p0',
        values: [value],
      });
      expectOnlyTrustedText(equal.sql, value);

      const notEqual = sqlOf(`note ne ${quoted(value)}`);
      expect(notEqual).toEqual({
        sql: '("t"."note" IS NULL OR "t"."note" <> :p0)',
        values: [value],
      });
      expectOnlyTrustedText(notEqual.sql, value);
    });

    it.each(LITERALS.filter((value) => !value.includes(')')))(
      'binds %p in an in list',
      (value) => {
        const result = sqlOf(`note in (${quoted(value)}, null, 'b')`);
        expect(result.values).toEqual([value, 'b']);
        expectOnlyTrustedText(result.sql, value);
      },
    );

    it('refuses an in list whose string holds a closing parenthesis', () => {
      // The parser ends the list at the first ')', even inside a string.
      expect(() =>
        sqlOf(`note in (${quoted("'); DROP TABLE resources; --")}, 'b')`),
      ).toThrow(BadRequestError);
    });

    it.each(LITERALS)('binds %p in a string function', (value) => {
      for (const name of ['startswith', 'endswith', 'contains']) {
        const result = sqlOf(`${name}(displayName, ${quoted(value)})`);
        expect(result.sql).toBe(
          `LOWER("t"."displayName") LIKE LOWER(:p0) ESCAPE '\\'`,
        );
        expect(result.values).toHaveLength(1);
        const pattern = result.values[0] as string;
        expect(pattern.replace(/^%|%$/g, '').replace(/\\(.)/g, '$1')).toBe(
          value,
        );
        expectOnlyTrustedText(result.sql, value);
      }
    });

    it('binds an injection attempt combined with and, or and not', () => {
      const value = "'); DROP TABLE resources; --";
      const result = sqlOf(
        `not (displayName eq ${quoted(value)}) or note eq ${quoted(value)} and contains(displayName, ${quoted(value)})`,
      );
      expect(result.values).toEqual([value, value, `%${value}%`]);
      expectOnlyTrustedText(result.sql, value);
    });

    it.each([
      "displayName) OR (1 eq 1 eq 'a'",
      'displayName) OR (1 eq 1',
      "id;drop eq 'a'",
      '"displayName" eq \'a\'',
      "displayName--x eq 'a'",
      "displayName/**/ eq 'a'",
      "[displayName] eq 'a'",
      "displayName eq 'a'; DROP TABLE resources",
      "displayName eq 'a' -- comment",
      "displayName eq 'a') OR (1 eq 1",
      "contains(displayName) OR (1 eq 1, 'a')",
    ])('refuses %p as a filter', (text) => {
      expect(() => parseFilter(text, THINGS)).toThrow(BadRequestError);
    });

    it('takes every column name from the context', () => {
      const columns: string[] = [];
      const context: SqlConditionContext = {
        column: (property) => {
          columns.push(property);
          return `c${columns.length}`;
        },
        nullable: () => false,
        bind: () => '?',
        navigation: () => {
          throw new Error('no navigation in this filter');
        },
      };
      const sql = filterSql(
        parseFilter(
          "displayName eq 'a' and (status/subStatus in ('b')) and startswith(displayName, 'c') and not (isEnabled eq true)",
          THINGS,
        ),
        context,
      );
      expect(sql).toBe(
        "(((c1 = ? AND c2 IN (?)) AND LOWER(c3) LIKE LOWER(?) ESCAPE '\\') AND (NOT c4 = ?))",
      );
      expect(columns).toEqual([
        'displayName',
        'status/subStatus',
        'displayName',
        'isEnabled',
      ]);
    });
  });
});
