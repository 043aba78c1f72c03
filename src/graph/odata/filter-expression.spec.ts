import { BadRequestError } from '../graph-errors.js';
import { type FilterExpression, parseFilter } from './filter-expression.js';
import { GUID, OWNERS, THINGS } from './things.fixture.js';

function parse(text: string): FilterExpression {
  return parseFilter(text, THINGS);
}

/** The BadRequestError that parsing `text` throws. */
function rejection(text: string): BadRequestError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error(`'${text}' was accepted`);
}

function compare(
  operator: string,
  property: string,
  value: unknown,
): FilterExpression {
  return {
    kind: 'compare',
    operator,
    property,
    value,
  } as FilterExpression;
}

describe('parseFilter', () => {
  describe('comparisons', () => {
    it.each(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])(
      'reads %s on a string property',
      (operator) => {
        expect(parse(`displayName ${operator} 'abc'`)).toEqual(
          compare(operator, 'displayName', 'abc'),
        );
      },
    );

    it.each(['eq', 'ne'])('reads %s on a boolean property', (operator) => {
      expect(parse(`isEnabled ${operator} true`)).toEqual(
        compare(operator, 'isEnabled', true),
      );
      expect(parse(`isEnabled ${operator} false`)).toEqual(
        compare(operator, 'isEnabled', false),
      );
    });

    it('reads a nested property path', () => {
      expect(parse("status/subStatus eq 'Granted'")).toEqual(
        compare('eq', 'status/subStatus', 'Granted'),
      );
    });

    it('keeps a string literal exactly, undoubling its quotes', () => {
      expect(parse("displayName eq 'it''s  Ünïcode, (x) % _ \\'")).toEqual(
        compare('eq', 'displayName', "it's  Ünïcode, (x) % _ \\"),
      );
      expect(parse("displayName eq ''")).toEqual(
        compare('eq', 'displayName', ''),
      );
    });

    it('keeps the characters a URL encodes, and percent signs, as they are', () => {
      const text = 'a/b\\c%d%25e%2Ff"g#h?i<j>k[l]m^n`o{p|q}r\tt';
      expect(parse(`displayName eq '${text}'`)).toEqual(
        compare('eq', 'displayName', text),
      );
      expect(parse(`displayName in ('${text}', '%', '/')`)).toEqual({
        kind: 'in',
        property: 'displayName',
        values: [text, '%', '/'],
      });
      expect(parse(`contains(displayName, '${text}')`)).toEqual({
        kind: 'function',
        name: 'contains',
        property: 'displayName',
        value: text,
      });
    });
  });

  describe('GUID literals', () => {
    it('reads a bare GUID in lower case', () => {
      expect(parse(`id eq ${GUID.toUpperCase()}`)).toEqual(
        compare('eq', 'id', GUID),
      );
      expect(parse('ownerId eq 12345678-1234-1234-1234-123456789012')).toEqual(
        compare('eq', 'ownerId', '12345678-1234-1234-1234-123456789012'),
      );
    });

    it('reads a quoted GUID in lower case', () => {
      expect(parse(`id eq '${GUID.toUpperCase()}'`)).toEqual(
        compare('eq', 'id', GUID),
      );
      expect(parse(`ownerId ne '${GUID}'`)).toEqual(
        compare('ne', 'ownerId', GUID),
      );
    });

    it('reads GUIDs of an in list in lower case, bare or quoted', () => {
      expect(
        parse(`id in (${GUID.toUpperCase()}, '${GUID.toUpperCase()}')`),
      ).toEqual({ kind: 'in', property: 'id', values: [GUID, GUID] });
    });

    it('refuses a bare GUID for a string property', () => {
      expect(rejection(`displayName eq ${GUID}`).message).toBe(
        `The property 'displayName' (string) cannot be compared with a literal of type Edm.Guid in 'displayName eq ${GUID}'.`,
      );
    });
  });

  describe('date literals', () => {
    it('reads a date-time with its offset', () => {
      expect(parse('createdDateTime gt 2024-01-02T03:04:05.123+02:00')).toEqual(
        compare('gt', 'createdDateTime', new Date('2024-01-02T01:04:05.123Z')),
      );
      expect(parse('createdDateTime le 2024-01-02T03:04:05Z')).toEqual(
        compare('le', 'createdDateTime', new Date('2024-01-02T03:04:05Z')),
      );
    });

    it('reads a date alone as midnight UTC', () => {
      expect(parse('createdDateTime ge 2024-01-02')).toEqual(
        compare('ge', 'createdDateTime', new Date('2024-01-02T00:00:00Z')),
      );
    });

    it('reads dates in an in list', () => {
      expect(
        parse('createdDateTime in (2024-01-02, 2024-01-03T04:05:06Z)'),
      ).toEqual({
        kind: 'in',
        property: 'createdDateTime',
        values: [
          new Date('2024-01-02T00:00:00Z'),
          new Date('2024-01-03T04:05:06Z'),
        ],
      });
    });

    it('refuses a quoted date', () => {
      expect(rejection("createdDateTime gt '2024-01-02'").message).toContain(
        'Edm.String',
      );
    });

    it('refuses an impossible date', () => {
      rejection('createdDateTime gt 2024-13-45');
    });
  });

  describe('and, or, not', () => {
    it('groups a or b and c as a or (b and c)', () => {
      expect(
        parse("displayName eq 'a' or displayName eq 'b' and isEnabled eq true"),
      ).toEqual({
        kind: 'or',
        left: compare('eq', 'displayName', 'a'),
        right: {
          kind: 'and',
          left: compare('eq', 'displayName', 'b'),
          right: compare('eq', 'isEnabled', true),
        },
      });
    });

    it('groups a and b or c as (a and b) or c', () => {
      expect(
        parse("displayName eq 'a' and displayName eq 'b' or isEnabled eq true"),
      ).toEqual({
        kind: 'or',
        left: {
          kind: 'and',
          left: compare('eq', 'displayName', 'a'),
          right: compare('eq', 'displayName', 'b'),
        },
        right: compare('eq', 'isEnabled', true),
      });
    });

    it('follows parentheses', () => {
      expect(
        parse(
          "(displayName eq 'a' or displayName eq 'b') and isEnabled eq true",
        ),
      ).toEqual({
        kind: 'and',
        left: {
          kind: 'or',
          left: compare('eq', 'displayName', 'a'),
          right: compare('eq', 'displayName', 'b'),
        },
        right: compare('eq', 'isEnabled', true),
      });
    });

    it('reads not with parentheses', () => {
      expect(parse("not (displayName eq 'a')")).toEqual({
        kind: 'not',
        operand: compare('eq', 'displayName', 'a'),
      });
      expect(
        parse("isEnabled eq true and not (note eq null or note eq 'x')"),
      ).toEqual({
        kind: 'and',
        left: compare('eq', 'isEnabled', true),
        right: {
          kind: 'not',
          operand: {
            kind: 'or',
            left: compare('eq', 'note', null),
            right: compare('eq', 'note', 'x'),
          },
        },
      });
    });

    it('binds not to the operand that follows it: not (a) and b', () => {
      expect(parse("not (displayName eq 'a') and isEnabled eq true")).toEqual({
        kind: 'and',
        left: { kind: 'not', operand: compare('eq', 'displayName', 'a') },
        right: compare('eq', 'isEnabled', true),
      });
      expect(parse("not displayName eq 'a' or isEnabled eq true")).toEqual({
        kind: 'or',
        left: { kind: 'not', operand: compare('eq', 'displayName', 'a') },
        right: compare('eq', 'isEnabled', true),
      });
    });

    it('binds not tighter than and, and and tighter than or', () => {
      expect(
        parse(
          "displayName eq 'a' and not (displayName eq 'b') or isEnabled eq true",
        ),
      ).toEqual({
        kind: 'or',
        left: {
          kind: 'and',
          left: compare('eq', 'displayName', 'a'),
          right: { kind: 'not', operand: compare('eq', 'displayName', 'b') },
        },
        right: compare('eq', 'isEnabled', true),
      });
      expect(
        parse(
          "displayName eq 'a' or not (displayName eq 'b') and isEnabled eq true",
        ),
      ).toEqual({
        kind: 'or',
        left: compare('eq', 'displayName', 'a'),
        right: {
          kind: 'and',
          left: { kind: 'not', operand: compare('eq', 'displayName', 'b') },
          right: compare('eq', 'isEnabled', true),
        },
      });
    });

    it('reads not not', () => {
      expect(
        parse("not not (displayName eq 'a') and isEnabled eq true"),
      ).toEqual({
        kind: 'and',
        left: {
          kind: 'not',
          operand: {
            kind: 'not',
            operand: compare('eq', 'displayName', 'a'),
          },
        },
        right: compare('eq', 'isEnabled', true),
      });
    });

    it('keeps the grouping of parentheses around not and its chain', () => {
      expect(parse("not (displayName eq 'a' and isEnabled eq true)")).toEqual({
        kind: 'not',
        operand: {
          kind: 'and',
          left: compare('eq', 'displayName', 'a'),
          right: compare('eq', 'isEnabled', true),
        },
      });
      expect(parse("(not (displayName eq 'a')) and isEnabled eq true")).toEqual(
        {
          kind: 'and',
          left: { kind: 'not', operand: compare('eq', 'displayName', 'a') },
          right: compare('eq', 'isEnabled', true),
        },
      );
    });

    it('refuses upper-case operators', () => {
      rejection("displayName eq 'a' OR displayName eq 'b'");
      rejection("displayName EQ 'a'");
    });
  });

  describe('in', () => {
    it('reads a list of strings', () => {
      expect(parse("displayName in ('a', 'b','c')")).toEqual({
        kind: 'in',
        property: 'displayName',
        values: ['a', 'b', 'c'],
      });
    });

    it('keeps commas, parentheses and doubled quotes inside strings', () => {
      expect(
        parse("displayName in ('a,b', 'it''s', '(', 'x'',''y', ' , ')"),
      ).toEqual({
        kind: 'in',
        property: 'displayName',
        values: ['a,b', "it's", '(', "x','y", ' , '],
      });
    });

    it('reads a list of one', () => {
      expect(parse("displayName in ('a')")).toEqual({
        kind: 'in',
        property: 'displayName',
        values: ['a'],
      });
    });

    it('combines a parenthesized in with and / or', () => {
      expect(
        parse("(displayName in ('a', 'b')) and isEnabled eq true"),
      ).toEqual({
        kind: 'and',
        left: { kind: 'in', property: 'displayName', values: ['a', 'b'] },
        right: compare('eq', 'isEnabled', true),
      });
      expect(parse("isEnabled eq true or displayName in ('a')")).toEqual({
        kind: 'or',
        left: compare('eq', 'isEnabled', true),
        right: { kind: 'in', property: 'displayName', values: ['a'] },
      });
    });

    it.each(['and', 'or'])(
      'reads in followed by %s as OData does',
      (operator) => {
        expect(
          parse(`displayName in ('a') ${operator} isEnabled eq true`),
        ).toEqual({
          kind: operator,
          left: { kind: 'in', property: 'displayName', values: ['a'] },
          right: compare('eq', 'isEnabled', true),
        });
      },
    );

    it('keeps and above or after an in list', () => {
      expect(
        parse(
          "displayName in ('a', 'b') or isEnabled eq true and displayName eq 'c'",
        ),
      ).toEqual({
        kind: 'or',
        left: { kind: 'in', property: 'displayName', values: ['a', 'b'] },
        right: {
          kind: 'and',
          left: compare('eq', 'isEnabled', true),
          right: compare('eq', 'displayName', 'c'),
        },
      });
      expect(
        parse(
          "displayName in ('a') and isEnabled eq true or displayName in ('b', 'c') and isEnabled eq false",
        ),
      ).toEqual({
        kind: 'or',
        left: {
          kind: 'and',
          left: { kind: 'in', property: 'displayName', values: ['a'] },
          right: compare('eq', 'isEnabled', true),
        },
        right: {
          kind: 'and',
          left: { kind: 'in', property: 'displayName', values: ['b', 'c'] },
          right: compare('eq', 'isEnabled', false),
        },
      });
    });

    it('refuses, rather than misreads, a closing parenthesis inside a listed string', () => {
      // The parser ends the list at the first ')', even inside a string.
      rejection("displayName in ('a)', 'b')");
    });

    it('accepts null in the list of a nullable property', () => {
      expect(parse("note in (null, 'a')")).toEqual({
        kind: 'in',
        property: 'note',
        values: [null, 'a'],
      });
    });

    it('refuses null in the list of a property that is not nullable', () => {
      expect(rejection("displayName in ('a', null)").message).toContain(
        "'displayName' (string) cannot be compared with null",
      );
    });

    it.each([
      ['an empty list', 'displayName in ()'],
      ['a trailing comma', "displayName in ('a',)"],
      ['items without a comma', "displayName in ('a' 'b')"],
      ['a property in the list', "displayName in ('a', displayName)"],
      ['SQL in the list', "displayName in ('a' OR 1=1)"],
      ['a single literal', "displayName in 'a'"],
      ['a literal of another type', "displayName in ('a', 1)"],
    ])('refuses %s', (_case, text) => {
      rejection(text);
    });
  });

  describe('null', () => {
    it.each(['eq', 'ne'])(
      'reads %s null on a nullable property',
      (operator) => {
        expect(parse(`note ${operator} null`)).toEqual(
          compare(operator, 'note', null),
        );
        expect(parse(`expirationDateTime ${operator} null`)).toEqual(
          compare(operator, 'expirationDateTime', null),
        );
      },
    );

    it('refuses null for a property that is not nullable', () => {
      expect(rejection('displayName eq null').message).toBe(
        "The property 'displayName' (string) cannot be compared with null in 'displayName eq null'.",
      );
    });

    it.each(['gt', 'ge', 'lt', 'le'])(
      'refuses %s null, even on a nullable property',
      (operator) => {
        expect(rejection(`note ${operator} null`).message).toBe(
          `The operator '${operator}' cannot compare with null in 'note ${operator} null'.`,
        );
      },
    );
  });

  describe('string functions', () => {
    it.each(['startswith', 'endswith', 'contains'])('reads %s', (name) => {
      expect(parse(`${name}(displayName,'Ab''c')`)).toEqual({
        kind: 'function',
        name,
        property: 'displayName',
        value: "Ab'c",
      });
    });

    it('reads a function on a nullable property, within and / not', () => {
      expect(parse("not contains(note, 'x') and isEnabled eq true")).toEqual({
        kind: 'and',
        left: {
          kind: 'not',
          operand: {
            kind: 'function',
            name: 'contains',
            property: 'note',
            value: 'x',
          },
        },
        right: compare('eq', 'isEnabled', true),
      });
    });

    it.each([
      ['a GUID property', "contains(id, 'a')"],
      ['a boolean property', "startswith(isEnabled, 'a')"],
      ['a date property', "endswith(createdDateTime, '1')"],
      ['a null argument', 'contains(displayName, null)'],
      ['a boolean argument', 'contains(displayName, true)'],
    ])('refuses %s', (_case, text) => {
      expect(rejection(text).message).toContain(
        'takes a string property and a string literal',
      );
    });

    it('refuses the arguments in the wrong order', () => {
      rejection("contains('a', displayName)");
    });

    it('refuses a property as the second argument', () => {
      rejection('contains(displayName, displayName)');
    });

    it('refuses a function on an unknown property', () => {
      expect(rejection("contains(secret, 'a')").message).toContain("'secret'");
    });
  });

  describe('errors', () => {
    it('names an unknown property and the type', () => {
      expect(rejection("secret eq 'a'").message).toBe(
        "Could not find a property named 'secret' on type 'microsoft.graph.thing' that can be used in $filter.",
      );
    });

    it('names an unknown nested path', () => {
      expect(rejection("status/other eq 'a'").message).toContain(
        "'status/other'",
      );
      expect(rejection("owner/other eq 'a'").message).toContain("'other'");
    });

    it('refuses a property that is not filterable', () => {
      expect(rejection("tags eq 'a'").message).toContain("'tags'");
      expect(rejection("status eq 'a'").message).toContain("'status'");
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'does not take the inherited %s for a property',
      (name) => {
        expect(rejection(`${name} eq 'a'`).message).toContain(`'${name}'`);
      },
    );

    it('names an unknown function', () => {
      expect(rejection("substringof('a', displayName)").message).toBe(
        "The function 'substringof' is not supported in $filter; supported: startswith, endswith, contains.",
      );
      expect(
        rejection('geo.intersects(displayName, displayName)').message,
      ).toContain("'geo.intersects'");
    });

    it('refuses a function as the left operand', () => {
      rejection("tolower(displayName) eq 'a'");
      rejection('length(displayName) eq 1');
    });

    it.each([
      ["displayName eq 'a' and", 18],
      ['displayName eq', 11],
      ["displayName eq 'a", 11],
      ['foo(displayName)', 3],
    ])('reports the syntax error of %s with its position', (text, position) => {
      expect(rejection(text).message).toBe(
        `Syntax error in $filter '${text}' at position ${position}.`,
      );
    });

    it.each(['', ' ', 'displayName) OR (1 eq 1', "id;drop eq 'a'"])(
      'refuses the syntax of %p',
      (text) => {
        expect(rejection(text).message).toMatch(/^Syntax error in \$filter/);
      },
    );

    it('refuses a boolean property compared with a string', () => {
      expect(rejection("isEnabled eq 'true'").message).toBe(
        "The property 'isEnabled' (boolean) cannot be compared with a literal of type Edm.String in 'isEnabled eq 'true''.",
      );
    });

    it.each([
      ['a string property with a number', 'displayName eq 1', 'Edm.SByte'],
      [
        'a string property with a boolean',
        'displayName eq true',
        'Edm.Boolean',
      ],
      ['a date property with a string', "createdDateTime eq 'x'", 'Edm.String'],
      ['a GUID property with a number', 'id eq 5', 'Edm.SByte'],
      ['a boolean property with a date', 'isEnabled eq 2024-01-02', 'Edm.Date'],
    ])('refuses %s', (_case, text, edmType) => {
      expect(rejection(text).message).toContain(`a literal of type ${edmType}`);
    });

    it('names a nullable property as such', () => {
      expect(rejection('isArchived eq 1').message).toContain(
        "'isArchived' (nullable boolean)",
      );
    });

    it.each(['gt', 'ge', 'lt', 'le'])('refuses %s on a boolean', (operator) => {
      expect(rejection(`isEnabled ${operator} true`).message).toBe(
        `The operator '${operator}' is not defined for the boolean property 'isEnabled'.`,
      );
    });

    it('refuses a property on the right', () => {
      expect(rejection('displayName eq displayName').message).toBe(
        "The right operand of 'displayName eq displayName' must be a literal.",
      );
    });

    it('refuses a literal on the left', () => {
      rejection("'a' eq displayName");
      rejection('1 eq 1');
    });

    it('refuses a bare property as a condition', () => {
      rejection('isEnabled');
    });

    it('refuses arithmetic', () => {
      rejection('displayName add 1 eq 2');
    });

    // PostgreSQL refuses a statement binding a date before 4713 BC: a 500 without this.
    it.each([
      'createdDateTime eq -100000-12-31T23:59:59.999Z',
      'createdDateTime lt 0000-01-01',
      'expirationDateTime gt 0000-12-31T00:00:00Z',
      'createdDateTime in (2026-01-01, -100000-01-01T00:00:00Z)',
    ])('refuses a date literal outside the years 0001 to 9999: %p', (text) => {
      expect(rejection(text).message).toBe(
        `The date literal in '${text}' is outside the years 0001 to 9999.`,
      );
    });

    it.each([
      'createdDateTime ge 0001-01-01T00:00:00Z',
      'createdDateTime le 9999-12-31T23:59:59.999Z',
    ])('reads a date literal of the years 0001 to 9999: %p', (text) => {
      expect(() => parseFilter(text, THINGS)).not.toThrow();
    });

    // PostgreSQL refuses a statement binding U+0000 as a whole: a 500 without this.
    it.each([
      "displayName eq '\u0000'",
      "startswith(status/subStatus,'\u0000')",
      "displayName in ('a', 'b\u0000c')",
      "id eq 'a\u0000'",
    ])('refuses a string literal with U+0000: %p', (text) => {
      // The expression as the parser read it: the character percent-encoded.
      expect(rejection(text).message).toBe(
        `The string literal in '${text.replace('\u0000', '%00')}' contains the character U+0000, which no property holds.`,
      );
    });
  });
  describe('paths through navigation properties', () => {
    it("reads a property of a navigation's target as a condition on it", () => {
      expect(parse("owner/name eq 'Ada'")).toEqual({
        kind: 'navigation',
        navigation: 'owner',
        condition: compare('eq', 'name', 'Ada'),
      });
    });

    it('reads a path through two navigations, in, functions and GUIDs', () => {
      expect(parse(`owner/manager/id in ('${GUID.toUpperCase()}')`)).toEqual({
        kind: 'navigation',
        navigation: 'owner',
        condition: {
          kind: 'navigation',
          navigation: 'manager',
          condition: { kind: 'in', property: 'id', values: [GUID] },
        },
      });
      expect(parse("startswith(owner/name,'A')")).toEqual({
        kind: 'navigation',
        navigation: 'owner',
        condition: {
          kind: 'function',
          name: 'startswith',
          property: 'name',
          value: 'A',
        },
      });
    });

    it('combines them with and, or, not', () => {
      expect(parse("not owner/name eq 'a' and displayName eq 'b'")).toEqual({
        kind: 'and',
        left: {
          kind: 'not',
          operand: {
            kind: 'navigation',
            navigation: 'owner',
            condition: compare('eq', 'name', 'a'),
          },
        },
        right: compare('eq', 'displayName', 'b'),
      });
    });

    it.each([
      ["owner/nope eq 'a'", "'nope' on type 'microsoft.graph.owner'"],
      ["owner/mail eq 'a'", "'mail' on type 'microsoft.graph.owner'"],
      [
        "children/name eq 'a'",
        "'children/name' on type 'microsoft.graph.thing'",
      ],
      ["nobody/name eq 'a'", "'nobody/name' on type 'microsoft.graph.thing'"],
    ])('refuses %s, naming the property and its type', (text, named) => {
      expect(rejection(text).message).toBe(
        `Could not find a property named ${named} that can be used in $filter.`,
      );
    });

    it('takes null for a path through a navigation, which may lead nowhere', () => {
      expect(parse('owner/name eq null')).toEqual({
        kind: 'navigation',
        navigation: 'owner',
        condition: compare('eq', 'name', null),
      });
    });

    it("checks the literal against the target's property", () => {
      expect(rejection('owner/name eq 1').message).toBe(
        "The property 'owner/name' (nullable string) cannot be compared with a literal of type Edm.SByte in 'owner/name eq 1'.",
      );
    });
  });

  describe('durations', () => {
    it.each([
      "lasts eq duration'PT8H'",
      "lasts eq DURATION'PT8H'",
      "lasts eq 'PT8H'",
    ])('reads %s as the duration PT8H', (text) => {
      expect(parse(text)).toEqual(compare('eq', 'lasts', 'PT8H'));
    });

    it('reads ne, in and null', () => {
      expect(parse("lasts ne duration'P1DT2H'")).toEqual(
        compare('ne', 'lasts', 'P1DT2H'),
      );
      expect(parse("lasts in ('PT8H', null)")).toEqual({
        kind: 'in',
        property: 'lasts',
        values: ['PT8H', null],
      });
      expect(parse('lasts eq null')).toEqual(compare('eq', 'lasts', null));
    });

    it("keeps duration'…' inside a string literal as text", () => {
      expect(parse("displayName eq 'a duration''PT8H'''")).toEqual(
        compare('eq', 'displayName', "a duration'PT8H'"),
      );
    });

    it.each(["lasts eq duration'8 hours'", "lasts eq 'P'", "lasts eq 'PT'"])(
      'refuses %s, which is no ISO 8601 duration',
      (text) => {
        expect(rejection(text).message).toMatch(
          /is not an ISO 8601 duration, such as duration'PT8H', for the property 'lasts'\.$/,
        );
      },
    );

    it('refuses an ordering comparison, which text cannot make', () => {
      expect(rejection("lasts gt duration'PT8H'").message).toBe(
        "The operator 'gt' is not defined for the duration property 'lasts'.",
      );
    });
  });

  describe('a text read before', () => {
    it('is the same expression, frozen against the next request changing it', () => {
      const first = parse("displayName eq 'kept' and lasts eq duration'PT8H'");

      expect(parse("displayName eq 'kept' and lasts eq duration'PT8H'")).toBe(
        first,
      );
      expect(Object.isFrozen(first)).toBe(true);
      expect(() => {
        (first as { kind: string }).kind = 'or';
      }).toThrow(TypeError);
    });

    it('is read again for another entity set, which may not have its properties', () => {
      parseFilter("name eq 'only owners have names'", OWNERS);

      expect(rejection("name eq 'only owners have names'").message).toContain(
        "'name'",
      );
    });

    it('fails each time when it failed once', () => {
      expect(rejection('displayName eq').message).toBe(
        rejection('displayName eq').message,
      );
    });
  });
});
