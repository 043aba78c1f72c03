import { BadRequestError } from '../graph-errors.js';
import {
  DEFAULT_PAGE_SIZE,
  type ListQuery,
  MAX_EXPAND_DEPTH,
  MAX_PAGE_SIZE,
  parseListQuery,
  parseShapeQuery,
} from './list-query.js';
import { THINGS } from './things.fixture.js';

const PATH = '/beta/things';

function list(query: string): ListQuery {
  return parseListQuery(`${PATH}?${query}`, THINGS);
}

/** The BadRequestError that parsing the query throws. */
function rejection(query: string): BadRequestError {
  try {
    list(query);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error(`'${query}' was accepted`);
}

const DEFAULTS: ListQuery = {
  select: undefined,
  expand: [],
  filter: undefined,
  orderBy: [],
  top: 100,
  skip: 0,
  skipToken: undefined,
  count: false,
};

describe('parseListQuery', () => {
  describe('defaults', () => {
    it('pages by 100, up to 999', () => {
      expect(DEFAULT_PAGE_SIZE).toBe(100);
      expect(MAX_PAGE_SIZE).toBe(999);
    });

    it.each([
      ['no query string', PATH],
      ['an empty query string', `${PATH}?`],
      ['parameters that are not OData options', `${PATH}?trace=1&$foo=2`],
      ['options the list does not read', `${PATH}?$search=x&$format=json`],
    ])('gives the defaults for %s', (_case, url) => {
      expect(parseListQuery(url, THINGS)).toEqual(DEFAULTS);
    });
  });

  describe('$top', () => {
    it.each([
      ['1', 1],
      ['50', 50],
      ['999', 999],
      ['0999', 999],
    ])('reads %s', (text, top) => {
      expect(list(`$top=${text}`).top).toBe(top);
    });

    it.each([
      '0',
      '1000',
      'abc',
      '-1',
      '',
      '1.5',
      '1e2',
      '%201',
      '+1',
      '0x10',
      '99999999999',
    ])('refuses %p', (text) => {
      expect(rejection(`$top=${text}`).message).toBe(
        `Invalid value '${decodeURIComponent(text).replaceAll('+', ' ')}' for the query option '$top': it must be an integer from 1 to 999.`,
      );
    });
  });

  describe('$skip', () => {
    it.each([
      ['0', 0],
      ['25', 25],
      ['2147483647', 2147483647],
    ])('reads %s', (text, skip) => {
      expect(list(`$skip=${text}`).skip).toBe(skip);
    });

    it.each(['-1', 'abc', '', '2147483648', '1.0'])('refuses %p', (text) => {
      expect(rejection(`$skip=${text}`).message).toBe(
        `Invalid value '${text}' for the query option '$skip': it must be an integer from 0 to 2147483647.`,
      );
    });
  });

  describe('$skiptoken', () => {
    it('keeps the token as given, decoded from the URL', () => {
      expect(list('$skiptoken=abc-_DEF').skipToken).toBe('abc-_DEF');
      expect(list('$skiptoken=a%2Bb%3D').skipToken).toBe('a+b=');
    });
  });

  describe('$count', () => {
    it.each([
      ['true', true],
      ['false', false],
    ])('reads %s', (text, count) => {
      expect(list(`$count=${text}`).count).toBe(count);
    });

    it.each(['TRUE', 'True', '1', 'yes', ''])('refuses %p', (text) => {
      expect(rejection(`$count=${text}`).message).toBe(
        `Invalid value '${text}' for the query option '$count': it must be true or false.`,
      );
    });
  });

  describe('option names', () => {
    it('accepts every option without $', () => {
      expect(
        list(
          "filter=displayName eq 'a'&orderby=displayName desc&top=5&skip=2&skiptoken=t&count=true&select=id&expand=owner",
        ),
      ).toEqual({
        select: ['id'],
        expand: [{ navigation: 'owner', select: undefined }],
        filter: {
          kind: 'compare',
          operator: 'eq',
          property: 'displayName',
          value: 'a',
        },
        orderBy: [{ property: 'displayName', direction: 'desc' }],
        top: 5,
        skip: 2,
        skipToken: 't',
        count: true,
      });
    });

    it('accepts names in any case and a percent-encoded $', () => {
      expect(list('$TOP=5&%24Skip=3&Count=true')).toEqual({
        ...DEFAULTS,
        top: 5,
        skip: 3,
        count: true,
      });
    });

    it.each([
      ['$top=1&$top=2', '$top'],
      ['$top=1&top=2', '$top'],
      ['$filter=x&$FILTER=y', '$filter'],
      ['select=id&%24select=id', '$select'],
      ['$count=true&$count=true', '$count'],
    ])('refuses %s, an option given twice', (query, name) => {
      expect(rejection(query).message).toBe(
        `The query option '${name}' was specified more than once.`,
      );
    });
  });

  describe('$filter', () => {
    it('reads the filter against the entity set', () => {
      expect(list("$filter=status/subStatus eq 'Granted'").filter).toEqual({
        kind: 'compare',
        operator: 'eq',
        property: 'status/subStatus',
        value: 'Granted',
      });
    });

    it('refuses a filter the entity set does not support', () => {
      expect(rejection("$filter=secret eq 'a'").message).toBe(
        "Could not find a property named 'secret' on type 'microsoft.graph.thing' that can be used in $filter.",
      );
    });

    it('refuses an empty filter', () => {
      rejection('$filter=');
    });
  });

  describe('$orderby', () => {
    it('orders ascending by default', () => {
      expect(list('$orderby=displayName').orderBy).toEqual([
        { property: 'displayName', direction: 'asc' },
      ]);
    });

    it('reads asc, desc and several properties', () => {
      expect(
        list('$orderby=createdDateTime desc,displayName asc,status/subStatus')
          .orderBy,
      ).toEqual([
        { property: 'createdDateTime', direction: 'desc' },
        { property: 'displayName', direction: 'asc' },
        { property: 'status/subStatus', direction: 'asc' },
      ]);
    });

    it.each([
      'secret',
      'owner',
      'status',
      'constructor',
      'tolower(displayName)',
    ])('refuses %p, not a property of the entity set', (property) => {
      expect(rejection(`$orderby=${property}`).message).toBe(
        `Could not find a property named '${property}' on type 'microsoft.graph.thing' that can be used in $orderby.`,
      );
    });

    it('refuses a nullable property', () => {
      expect(rejection('$orderby=note desc').message).toBe(
        "Could not find a property named 'note' on type 'microsoft.graph.thing' that can be used in $orderby.",
      );
    });

    it('refuses a property given twice', () => {
      expect(rejection('$orderby=displayName,displayName desc').message).toBe(
        "The property 'displayName' appears more than once in $orderby.",
      );
    });

    it.each(['', 'displayName sideways', 'displayName,', ',displayName'])(
      'refuses the syntax of %p',
      (text) => {
        expect(rejection(`$orderby=${text}`).message).toBe(
          `Syntax error in $orderby '${text}'.`,
        );
      },
    );
  });

  describe('$select', () => {
    it('reads the properties, once each', () => {
      expect(list('$select=displayName,id,status,displayName').select).toEqual([
        'displayName',
        'id',
        'status',
      ]);
    });

    it.each(['*', 'id,*'])('selects every property with %p', (text) => {
      expect(list(`$select=${text}`).select).toBeUndefined();
    });

    it.each(['secret', 'owner', 'status/subStatus', 'constructor'])(
      'refuses %p, not a property of the entity type',
      (property) => {
        expect(rejection(`$select=id,${property}`).message).toBe(
          `Could not find a property named '${property}' on type 'microsoft.graph.thing'.`,
        );
      },
    );

    it('refuses an empty $select', () => {
      expect(rejection('$select=').message).toBe("Syntax error in $select ''.");
    });
  });

  describe('$expand', () => {
    it('reads navigation properties', () => {
      expect(list('$expand=owner,creator').expand).toEqual([
        { navigation: 'owner', select: undefined },
        { navigation: 'creator', select: undefined },
      ]);
    });

    it.each(['secret', 'displayName', 'ownerId', 'constructor'])(
      'refuses %p, not a navigation property',
      (name) => {
        expect(rejection(`$expand=${name}`).message).toBe(
          `Could not find a navigation property named '${name}' on type 'microsoft.graph.thing'.`,
        );
      },
    );

    it('refuses $expand=*', () => {
      rejection('$expand=*');
    });

    it('reads a $select inside the expansion, against the target set', () => {
      expect(list('$expand=owner($select=name,mail)').expand).toEqual([
        { navigation: 'owner', select: ['name', 'mail'] },
      ]);
      expect(list('$expand=owner($select=*)').expand).toEqual([
        { navigation: 'owner', select: undefined },
      ]);
    });

    it("refuses a nested $select naming a property of the source's type", () => {
      expect(rejection('$expand=owner($select=displayName)').message).toBe(
        "Could not find a property named 'displayName' on type 'microsoft.graph.owner'.",
      );
    });

    it.each(["$filter=name eq 'a'", '$top=1', '$orderby=name', '$count=true'])(
      'refuses %s inside an expansion',
      (option) => {
        expect(rejection(`$expand=owner(${option})`).message).toBe(
          `Only $select and $expand are supported inside $expand, not '${option}'.`,
        );
      },
    );

    it("reads an expansion's own $expand and $select, nested in its item", () => {
      expect(
        list('$expand=owner($expand=manager($select=name);$select=id)').expand,
      ).toEqual([
        {
          navigation: 'owner',
          select: ['id'],
          expand: [{ navigation: 'manager', select: ['name'] }],
        },
      ]);
    });

    it('reads a collection-valued navigation property, and one nested in it', () => {
      expect(list('$expand=children($expand=owner)').expand).toEqual([
        {
          navigation: 'children',
          select: undefined,
          expand: [{ navigation: 'owner', select: undefined }],
        },
      ]);
    });

    it("checks a nested $expand against the expanded entity's type", () => {
      expect(rejection('$expand=owner($expand=owner)').message).toBe(
        "Could not find a navigation property named 'owner' on type 'microsoft.graph.owner'.",
      );
      expect(
        rejection('$expand=owner($expand=manager($select=displayName))')
          .message,
      ).toBe(
        "Could not find a property named 'displayName' on type 'microsoft.graph.owner'.",
      );
    });

    it(`refuses $expand nested more than ${MAX_EXPAND_DEPTH} levels deep`, () => {
      expect(
        rejection('$expand=owner($expand=manager($expand=manager))').message,
      ).toBe(
        "The $expand '$expand=manager' is nested more than 2 levels deep: expand the navigation properties of an expanded entity, not theirs.",
      );
    });

    it('refuses a navigation property given twice', () => {
      expect(rejection('$expand=owner,owner($select=id)').message).toBe(
        "The navigation property 'owner' appears more than once in $expand.",
      );
    });
  });

  describe('URL encoding', () => {
    it('decodes %20, %27 and + in $filter', () => {
      const expected = {
        kind: 'compare',
        operator: 'eq',
        property: 'displayName',
        value: "it's a b",
      };
      expect(
        list('$filter=displayName%20eq%20%27it%27%27s%20a%20b%27').filter,
      ).toEqual(expected);
      expect(list("$filter=displayName+eq+'it''s+a+b'").filter).toEqual(
        expected,
      );
    });

    it('decodes a percent sign and a slash inside a string of $filter', () => {
      expect(
        list('$filter=startswith(displayName,%2750%25%2Fa%2B%27)').filter,
      ).toEqual({
        kind: 'function',
        name: 'startswith',
        property: 'displayName',
        value: '50%/a+',
      });
    });

    it('decodes $orderby, $select and $expand', () => {
      expect(
        list(
          '$orderby=displayName%20desc&$select=id%2CdisplayName&$expand=owner(%24select%3Dname)',
        ),
      ).toEqual({
        ...DEFAULTS,
        orderBy: [{ property: 'displayName', direction: 'desc' }],
        select: ['id', 'displayName'],
        expand: [{ navigation: 'owner', select: ['name'] }],
      });
    });

    it.each([
      ['$orderby', '$orderby=displayName%26%24top%3D5'],
      ['$select', '$select=id%26%24top%3D5'],
      ['$expand', '$expand=owner%26%24select%3Did'],
    ])(
      'refuses another option smuggled into %s by an encoded &',
      (_option, query) => {
        expect(rejection(query).message).toMatch(/^Syntax error in \$/);
      },
    );
  });
});

describe('parseShapeQuery', () => {
  it('gives the defaults', () => {
    expect(parseShapeQuery(PATH, THINGS)).toEqual({
      select: undefined,
      expand: [],
    });
  });

  it('reads $select and $expand, with or without $', () => {
    expect(
      parseShapeQuery(
        `${PATH}/1?select=id,displayName&$expand=owner($select=id)`,
        THINGS,
      ),
    ).toEqual({
      select: ['id', 'displayName'],
      expand: [{ navigation: 'owner', select: ['id'] }],
    });
  });

  it('reads no list option', () => {
    expect(
      parseShapeQuery(`${PATH}/1?$top=abc&$filter=nonsense&$count=1`, THINGS),
    ).toEqual({ select: undefined, expand: [] });
  });

  it.each([
    ['an unknown property in $select', '$select=secret'],
    ['an unknown navigation property', '$expand=secret'],
    ['an option given twice', '$select=id&select=id'],
    ['an unknown property in a nested $select', '$expand=owner($select=x)'],
  ])('refuses %s', (_case, query) => {
    expect(() => parseShapeQuery(`${PATH}/1?${query}`, THINGS)).toThrow(
      BadRequestError,
    );
  });
});
