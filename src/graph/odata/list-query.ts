import * as odataParser from '@steedos/odata-v4-parser';
import { BadRequestError } from '../graph-errors.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type {
  ODataEntitySet,
  ODataNavigationProperty,
  TenantEntity,
} from './entity-set.js';
import { type FilterExpression, parseFilter } from './filter-expression.js';
import { checkQueryLimits, isParsedQueryOption } from './query-limits.js';
import {
  SYSTEM_QUERY_OPTIONS,
  type SystemQueryOption,
} from './query-options.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

export interface OrderByItem {
  readonly property: string;
  readonly direction: 'asc' | 'desc';
}

export interface ExpandItem {
  readonly navigation: string;
  /** The `$select` inside the expansion's parentheses; undefined selects every property. */
  readonly select?: readonly string[];
  /** The `$expand` inside the expansion's parentheses: the target's own navigations. */
  readonly expand?: readonly ExpandItem[];
}

/**
 * How deep `$expand` nests: `roleDefinition($expand=resource)` is two levels. Each level is one
 * more query per navigation for a page, so the depth bounds a list's reads.
 */
export const MAX_EXPAND_DEPTH = 2;

/** `$select` and `$expand`: what a GET of one entity accepts too. */
export interface ShapeQuery {
  /** Undefined selects every property. */
  readonly select?: readonly string[];
  readonly expand: readonly ExpandItem[];
}

/** The OData options of a list request, checked against its entity set. */
export interface ListQuery extends ShapeQuery {
  readonly filter?: FilterExpression;
  readonly orderBy: readonly OrderByItem[];
  /** The page size. */
  readonly top: number;
  readonly skip: number;
  readonly skipToken?: string;
  readonly count: boolean;
}

/** The options of a list route. */
export const LIST_QUERY_OPTIONS: readonly SystemQueryOption[] = [
  'filter',
  'orderby',
  'top',
  'skip',
  'skiptoken',
  'count',
  'select',
  'expand',
];
/** The options of a route that answers one entity. */
export const ENTITY_QUERY_OPTIONS: readonly SystemQueryOption[] = [
  'select',
  'expand',
];

/**
 * The system query options of a URL, by name without `$`; a repeated one is an error, and so
 * is one the OData parser would take too long on (query-limits.ts).
 */
export function systemQueryOptions(
  url: string,
): Map<SystemQueryOption, string> {
  const queryStart = url.indexOf('?');
  const options = new Map<SystemQueryOption, string>();
  if (queryStart < 0) {
    return options;
  }
  for (const [name, value] of new URLSearchParams(url.slice(queryStart + 1))) {
    const option = name.replace(/^\$/, '').toLowerCase() as SystemQueryOption;
    if (!SYSTEM_QUERY_OPTIONS.includes(option)) {
      continue;
    }
    if (options.has(option)) {
      throw new BadRequestError(
        `The query option '$${option}' was specified more than once.`,
      );
    }
    if (isParsedQueryOption(option)) {
      checkQueryLimits(option, value);
    }
    options.set(option, value);
  }
  return options;
}

export function parseListQuery<T extends TenantEntity>(
  url: string,
  set: ODataEntitySet<T>,
): ListQuery {
  const options = systemQueryOptions(url);
  const filter = options.get('filter');
  const skipToken = options.get('skiptoken');
  return {
    ...parseShape(options, set),
    filter: filter === undefined ? undefined : parseFilter(filter, set),
    orderBy: parseOrderBy(options.get('orderby'), set),
    top:
      parseInteger('top', options.get('top'), 1, MAX_PAGE_SIZE) ??
      DEFAULT_PAGE_SIZE,
    skip: parseInteger('skip', options.get('skip'), 0, 2 ** 31 - 1) ?? 0,
    skipToken,
    count: parseCount(options.get('count')),
  };
}

export function parseShapeQuery<T extends TenantEntity>(
  url: string,
  set: ODataEntitySet<T>,
): ShapeQuery {
  return parseShape(systemQueryOptions(url), set);
}

function parseShape<T extends TenantEntity>(
  options: Map<SystemQueryOption, string>,
  set: ODataEntitySet<T>,
): ShapeQuery {
  const select = options.get('select');
  const expand = options.get('expand');
  return {
    select: select === undefined ? undefined : parseSelect(select, set),
    expand:
      expand === undefined
        ? []
        : parseExpandItems(parseOption('expand', expand), set, 1),
  };
}

function parseInteger(
  option: SystemQueryOption,
  text: string | undefined,
  minimum: number,
  maximum: number,
): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(value >= minimum && value <= maximum)) {
    throw new BadRequestError(
      `Invalid value '${text}' for the query option '$${option}': it must be an integer from ${minimum} to ${maximum}.`,
    );
  }
  return value;
}

function parseCount(text: string | undefined): boolean {
  if (text === undefined || text === 'false') {
    return false;
  }
  if (text === 'true') {
    return true;
  }
  throw new BadRequestError(
    `Invalid value '${text}' for the query option '$count': it must be true or false.`,
  );
}

/** A token of the parser's query options tree. */
interface Token {
  readonly type: string;
  readonly value: unknown;
  readonly raw: string;
}

/**
 * Parses one system query option with the OData parser: `$<option>=<text>`. The text is
 * URL-decoded, so an `&` in it would start another option: that is a syntax error too.
 */
function parseOption(option: SystemQueryOption, text: string): Token {
  let options: Token[] = [];
  try {
    const root = odataParser.query(`$${option}=${text}`) as Token;
    options = (root.value as { options: Token[] }).options;
  } catch {
    // Reported below.
  }
  if (options.length !== 1) {
    throw new BadRequestError(`Syntax error in $${option} '${text}'.`);
  }
  return options[0];
}

function parseOrderBy<T extends TenantEntity>(
  text: string | undefined,
  set: ODataEntitySet<T>,
): OrderByItem[] {
  if (text === undefined) {
    return [];
  }
  const items = (parseOption('orderby', text).value as { items: Token[] })
    .items;
  const orderBy = items.map((item): OrderByItem => {
    const { expr, direction } = item.value as {
      expr: Token;
      direction: number;
    };
    const property = expr.raw;
    const mapping = Object.hasOwn(set.properties, property)
      ? set.properties[property]
      : undefined;
    const [first] = property.split('/');
    if (!mapping && property.includes('/') && navigationProperty(set, first)) {
      throw new BadRequestError(
        `$orderby cannot sort by '${property}', a property of the navigation property '${first}': sort by the properties of type 'microsoft.graph.${set.typeName}'.`,
      );
    }
    if (!mapping || mapping.nullable) {
      throw new BadRequestError(
        `Could not find a property named '${property}' on type 'microsoft.graph.${set.typeName}' that can be used in $orderby.`,
      );
    }
    return { property, direction: direction < 0 ? 'desc' : 'asc' };
  });
  const properties = orderBy.map((item) => item.property);
  const repeated = properties.find(
    (property, index) => properties.indexOf(property) !== index,
  );
  if (repeated !== undefined) {
    throw new BadRequestError(
      `The property '${repeated}' appears more than once in $orderby.`,
    );
  }
  return orderBy;
}

function parseSelect<T extends TenantEntity>(
  text: string,
  set: ODataEntitySet<T>,
): string[] | undefined {
  const items = (parseOption('select', text).value as { items: Token[] }).items;
  return selectedProperties(
    items.map((item) => item.raw),
    set,
  );
}

function selectedProperties<T extends TenantEntity>(
  names: readonly string[],
  set: ODataEntitySet<T>,
): string[] | undefined {
  if (names.includes('*')) {
    return undefined;
  }
  for (const name of names) {
    if (!set.graphProperties.includes(name)) {
      throw new BadRequestError(
        `Could not find a property named '${name}' on type 'microsoft.graph.${set.typeName}'.`,
      );
    }
  }
  return [...new Set(names)];
}

/**
 * The items of an `$expand` option token, checked against `set`, at `depth` (1 for the
 * request's own `$expand`); each may hold its own `$select` and `$expand`.
 */
function parseExpandItems(
  option: Token,
  set: ODataEntitySet,
  depth: number,
): ExpandItem[] {
  if (depth > MAX_EXPAND_DEPTH) {
    throw new BadRequestError(
      `The $expand '${option.raw}' is nested more than ${MAX_EXPAND_DEPTH} levels deep: expand the navigation properties of an expanded entity, not theirs.`,
    );
  }
  const items = (option.value as { items: Token[] }).items;
  const expand = items.map((item): ExpandItem => {
    const { path, options } = item.value as {
      path: Token;
      options?: Token[];
    };
    const navigation = path.raw;
    const target = navigationTarget(set, navigation);
    let select: string[] | undefined;
    let nested: ExpandItem[] | undefined;
    for (const inner of options ?? []) {
      if (inner.type === 'Select') {
        select = selectedProperties(
          (inner.value as { items: Token[] }).items.map((entry) => entry.raw),
          target,
        );
      } else if (inner.type === 'Expand') {
        nested = parseExpandItems(inner, target, depth + 1);
      } else {
        throw new BadRequestError(
          `Only $select and $expand are supported inside $expand, not '${inner.raw}'.`,
        );
      }
    }
    return { navigation, select, ...(nested ? { expand: nested } : {}) };
  });
  const names = expand.map((item) => item.navigation);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new BadRequestError(
      `The navigation property '${repeated}' appears more than once in $expand.`,
    );
  }
  return expand;
}

/** The entity set a navigation property of `set` leads to; an unknown name is refused. */
function navigationTarget(
  set: ODataEntitySet,
  navigation: string,
): ODataEntitySet {
  const property = navigationProperty(set, navigation);
  if (!property) {
    throw new BadRequestError(
      `Could not find a navigation property named '${navigation}' on type 'microsoft.graph.${set.typeName}'.`,
    );
  }
  return ENTITY_SETS.target(property);
}

/** A navigation property of `set` by name, single- or collection-valued. */
export function navigationProperty(
  set: ODataEntitySet,
  name: string,
): ODataNavigationProperty | undefined {
  if (Object.hasOwn(set.navigation, name)) {
    return set.navigation[name];
  }
  return set.collectionNavigation &&
    Object.hasOwn(set.collectionNavigation, name)
    ? set.collectionNavigation[name]
    : undefined;
}
