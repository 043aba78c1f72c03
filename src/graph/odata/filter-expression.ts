import * as odataParser from '@steedos/odata-v4-parser';
import { LRUCache } from 'lru-cache';
import {
  decodeLiteral,
  encodeStringLiterals,
  INTEGER_EDM_TYPES,
  type LiteralToken,
  type ODataLiteral,
  splitListLiteral,
} from './odata-literal.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type { ODataPropertyMapping, ODataPropertyType } from './graph-type.js';
import { BadRequestError } from '../graph-errors.js';
import { ISO_DURATION } from '../../clock/iso-duration.js';
import {
  isStorableDate,
  isStorableText,
  STORABLE_YEARS_TEXT,
} from '../../values/storable-values.js';

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'startswith' | 'endswith' | 'contains';

/** A `$filter` checked against an entity set: every property known, every literal typed. */
export type FilterExpression =
  | {
      readonly kind: 'and' | 'or';
      readonly left: FilterExpression;
      readonly right: FilterExpression;
    }
  | { readonly kind: 'not'; readonly operand: FilterExpression }
  | {
      readonly kind: 'compare';
      readonly operator: ComparisonOperator;
      readonly property: string;
      readonly value: ODataLiteral['value'];
    }
  | {
      readonly kind: 'in';
      readonly property: string;
      readonly values: readonly ODataLiteral['value'][];
    }
  | {
      readonly kind: 'function';
      readonly name: StringFunction;
      readonly property: string;
      readonly value: string;
    }
  /**
   * A condition on the entity a single-valued navigation property leads to
   * (`roleDefinition/displayName eq 'Reader'`): its `condition` is on the target's properties.
   */
  | {
      readonly kind: 'navigation';
      readonly navigation: string;
      readonly condition: FilterExpression;
    };

/** The parser's token: a tree whose `value` is a child token, a list, a literal's type… */
interface Token {
  readonly type: string;
  readonly value: unknown;
  readonly raw: string;
}

const COMPARISONS: Readonly<Record<string, ComparisonOperator>> = {
  EqualsExpression: 'eq',
  NotEqualsExpression: 'ne',
  GreaterThanExpression: 'gt',
  GreaterOrEqualsExpression: 'ge',
  LesserThanExpression: 'lt',
  LesserOrEqualsExpression: 'le',
};
const STRING_FUNCTIONS: readonly string[] = [
  'startswith',
  'endswith',
  'contains',
];
/** Wrappers that only group: their `value` is the token that matters. */
const GROUPING = new Set([
  'BoolParenExpression',
  'ParenExpression',
  'CommonExpression',
  'BoolCommonExpression',
]);
const ACCEPTED_LITERALS: Readonly<Record<ODataPropertyType, string[]>> = {
  string: ['Edm.String'],
  guid: ['Edm.Guid', 'Edm.String'],
  dateTime: ['Edm.DateTimeOffset', 'Edm.Date'],
  boolean: ['Edm.Boolean'],
  integer: [...INTEGER_EDM_TYPES],
  // `duration'PT8H'` arrives as a string literal (durationLiteralsAsStrings).
  duration: ['Edm.String'],
};
const ORDERED_TYPES: readonly ODataPropertyType[] = [
  'string',
  'guid',
  'dateTime',
  'integer',
];

/**
 * Filters already read, per entity set: clients page and poll with the same `$filter` text, and
 * parsing it again was a tenth of a list's CPU (bench/README.md). Bounded by the text they hold;
 * a text that fails is not kept, so it fails again with the same error.
 */
const PARSED_FILTER_TEXT_PER_SET = 256 * 1024;
const parsedFilters = new WeakMap<object, LRUCache<string, FilterExpression>>();

/**
 * Parses `$filter` text with the OData parser and checks it against the entity set. Errors
 * name what is wrong: the syntax error's position, the unknown property or function, the
 * operand types that do not match. The expression returned is frozen: it may be another
 * request's too.
 */
export function parseFilter<T extends TenantEntity>(
  text: string,
  set: ODataEntitySet<T>,
): FilterExpression {
  let parsed = parsedFilters.get(set);
  if (!parsed) {
    parsed = new LRUCache({
      maxSize: PARSED_FILTER_TEXT_PER_SET,
      sizeCalculation: (_filter, key) => Math.max(key.length, 1),
    });
    parsedFilters.set(set, parsed);
  }
  let filter = parsed.get(text);
  if (!filter) {
    filter = deepFreeze(readFilter(text, set));
    parsed.set(text, filter);
  }
  return filter;
}

function readFilter<T extends TenantEntity>(
  text: string,
  set: ODataEntitySet<T>,
): FilterExpression {
  let root: Token;
  try {
    root = odataParser.filter(
      encodeStringLiterals(durationLiteralsAsStrings(text)),
    );
  } catch (error) {
    throw new BadRequestError(
      `Syntax error in $filter '${text}'${positionOf(error)}.`,
    );
  }
  return new FilterReader(set).read(root);
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * `duration'PT8H'` as `'PT8H'`: the parser refuses a duration without days, which Graph writes
 * (`duration'PT8H'`); a duration property takes the quoted text either way. String literals are
 * matched first, so a `duration'…'` inside one stays text.
 */
function durationLiteralsAsStrings(text: string): string {
  return text.replace(
    /'(?:[^']|'')*'|\bduration('(?:[^']|'')*')/gi,
    (match, quoted: string | undefined) => quoted ?? match,
  );
}

function positionOf(error: unknown): string {
  const match = /at (\d+)/.exec(String((error as Error)?.message));
  return match ? ` at position ${match[1]}` : '';
}

/**
 * A property path of `$filter` resolved: the navigation properties it goes through, and the
 * property of the set they lead to (`roleDefinition/resource/type`: through `roleDefinition` and
 * `resource`, `type` of governanceResources).
 */
interface PropertyPath {
  readonly navigations: readonly string[];
  /** The property's path on the set the navigations lead to. */
  readonly property: string;
  /** Its mapping there. */
  readonly mapping: ODataPropertyMapping;
  /** The whole path, as the filter wrote it. */
  readonly text: string;
}

class FilterReader<T extends TenantEntity> {
  constructor(private readonly set: ODataEntitySet<T>) {}

  read(token: Token): FilterExpression {
    if (GROUPING.has(token.type)) {
      return this.read(token.value as Token);
    }
    const operator = COMPARISONS[token.type];
    if (operator) {
      return this.comparison(operator, token);
    }
    switch (token.type) {
      case 'AndExpression':
      case 'OrExpression':
      case 'NotExpression':
        return this.logical(logicalItems(token));
      case 'InExpression': {
        const items = logicalItems(token);
        return items.length > 1 ? this.logical(items) : this.inList(token);
      }
      case 'MethodCallExpression':
        return this.functionCall(token);
      default:
        throw new BadRequestError(
          `The $filter expression '${token.raw}' is not supported: use comparisons (eq, ne, gt, ge, lt, le, in), startswith, endswith, contains, and, or, not and parentheses.`,
        );
    }
  }

  /**
   * A chain of and, or and not, grouped as OData does: not first, then and, then or. The
   * parser gives `not` the whole rest of the chain, reading `not (a) and b` as `not (a and b)`.
   */
  private logical(items: readonly LogicalItem[]): FilterExpression {
    let position = 0;
    const operand = (): FilterExpression => {
      const item = items[position++];
      return item === 'not'
        ? { kind: 'not', operand: operand() }
        : this.read(item as Token);
    };
    const conjunction = (): FilterExpression => {
      let left = operand();
      while (items[position] === 'and') {
        position++;
        left = { kind: 'and', left, right: operand() };
      }
      return left;
    };
    let result = conjunction();
    while (items[position] === 'or') {
      position++;
      result = { kind: 'or', left: result, right: conjunction() };
    }
    return result;
  }

  private comparison(
    operator: ComparisonOperator,
    token: Token,
  ): FilterExpression {
    const { left, right } = token.value as { left: Token; right: Token };
    const path = this.propertyPath(left);
    const literal = this.literal(right, token);
    const type = path.mapping.type;
    checkOperand(path, literal, token.raw);
    if (literal.edmType === 'null' && operator !== 'eq' && operator !== 'ne') {
      throw new BadRequestError(
        `The operator '${operator}' cannot compare with null in '${token.raw}'.`,
      );
    }
    if (
      operator !== 'eq' &&
      operator !== 'ne' &&
      !ORDERED_TYPES.includes(type)
    ) {
      throw new BadRequestError(
        `The operator '${operator}' is not defined for the ${type} property '${path.text}'.`,
      );
    }
    return through(path, {
      kind: 'compare',
      operator,
      property: path.property,
      value: normalized(path, literal.value),
    });
  }

  private inList(token: Token): FilterExpression {
    const { left, right } = token.value as { left: Token; right: Token };
    const path = this.propertyPath(left);
    if (right.type !== 'Literal' || right.value !== 'Edm.Array') {
      throw new BadRequestError(
        `The right operand of 'in' must be a list of literals, such as ('a', 'b'), in '${token.raw}'.`,
      );
    }
    const values = splitListLiteral(right.raw).map((item) => {
      const literal = this.literalText(item, token.raw);
      checkOperand(path, literal, token.raw);
      return normalized(path, literal.value);
    });
    if (values.length === 0) {
      throw new BadRequestError(`The list of 'in' is empty in '${token.raw}'.`);
    }
    return through(path, { kind: 'in', property: path.property, values });
  }

  private functionCall(token: Token): FilterExpression {
    const { method, parameters } = token.value as {
      method: string;
      parameters: Token[];
    };
    if (!STRING_FUNCTIONS.includes(method)) {
      throw new BadRequestError(
        `The function '${method}' is not supported in $filter; supported: ${STRING_FUNCTIONS.join(', ')}.`,
      );
    }
    const [subject, argument] = parameters;
    const path = subject && this.propertyPath(subject);
    const literal = argument && this.literal(argument, token);
    if (
      parameters.length !== 2 ||
      path.mapping.type !== 'string' ||
      typeof literal.value !== 'string'
    ) {
      throw new BadRequestError(
        `The function '${method}' takes a string property and a string literal, as in ${method}(displayName,'abc').`,
      );
    }
    return through(path, {
      kind: 'function',
      name: method as StringFunction,
      property: path.property,
      value: literal.value,
    });
  }

  /**
   * The path of a member expression (`status/subStatus`, `roleDefinition/displayName`), which
   * must be a known property of the set, or of the set its leading single-valued navigation
   * properties lead to.
   */
  private propertyPath(token: Token): PropertyPath {
    if (token.type === 'MethodCallExpression') {
      throw new BadRequestError(
        `The function '${(token.value as { method: string }).method}' is not supported here: $filter compares properties with literals.`,
      );
    }
    const segments = memberPath(token);
    if (!segments) {
      throw new BadRequestError(
        `The left operand of '${token.raw}' must be a property of ${this.set.typeName}.`,
      );
    }
    return resolvePath(this.set, segments);
  }

  private literal(token: Token, expression: Token): ODataLiteral {
    if (token.type !== 'Literal') {
      throw new BadRequestError(
        `The right operand of '${expression.raw}' must be a literal.`,
      );
    }
    return storable(decodeLiteral(token as LiteralToken), expression.raw);
  }

  private literalText(text: string, expression: string): ODataLiteral {
    let literal: ODataLiteral;
    try {
      literal = decodeLiteral(odataParser.literal(text));
    } catch {
      throw new BadRequestError(
        `'${text}' is not a literal, in '${expression}'.`,
      );
    }
    return storable(literal, expression);
  }
}

/**
 * Resolves a path's segments on `set`: a property path of the set, or a single-valued
 * navigation property followed by a path on its target. The longest property path wins, so
 * that `status/subStatus` is a property even if `status` named a navigation.
 */
function resolvePath(
  set: ODataEntitySet,
  segments: readonly string[],
  navigations: readonly string[] = [],
): PropertyPath {
  const text = [...navigations, ...segments].join('/');
  const property = segments.join('/');
  if (Object.hasOwn(set.properties, property)) {
    const mapping = set.properties[property];
    return {
      navigations,
      property,
      // A path through a navigation is null where the navigation leads nowhere.
      mapping:
        navigations.length > 0 ? { ...mapping, nullable: true } : mapping,
      text,
    };
  }
  const [first, ...rest] = segments;
  if (rest.length > 0 && Object.hasOwn(set.navigation, first)) {
    return resolvePath(ENTITY_SETS.target(set.navigation[first]), rest, [
      ...navigations,
      first,
    ]);
  }
  throw new BadRequestError(
    `Could not find a property named '${property}' on type 'microsoft.graph.${set.typeName}' that can be used in $filter.`,
  );
}

/** A condition on the property a path ends at, through the navigations it goes through. */
function through(
  path: PropertyPath,
  condition: FilterExpression,
): FilterExpression {
  return path.navigations.reduceRight<FilterExpression>(
    (inner, navigation) => ({
      kind: 'navigation',
      navigation,
      condition: inner,
    }),
    condition,
  );
}

/**
 * GUIDs are stored in lower case: a quoted GUID is lower-cased as a bare one is. A duration
 * must be one, in ISO 8601's form.
 */
function normalized(
  path: PropertyPath,
  value: ODataLiteral['value'],
): ODataLiteral['value'] {
  if (typeof value !== 'string') {
    return value;
  }
  if (path.mapping.type === 'guid') {
    return value.toLowerCase();
  }
  if (path.mapping.type === 'duration' && !ISO_DURATION.test(value)) {
    throw new BadRequestError(
      `'${value}' is not an ISO 8601 duration, such as duration'PT8H', for the property '${path.text}'.`,
    );
  }
  return value;
}

function checkOperand(
  path: PropertyPath,
  literal: ODataLiteral,
  expression: string,
): void {
  const { mapping } = path;
  const accepted =
    literal.edmType === 'null'
      ? mapping.nullable === true
      : literal.value !== undefined &&
        ACCEPTED_LITERALS[mapping.type].includes(literal.edmType);
  if (!accepted) {
    throw new BadRequestError(
      `The property '${path.text}' (${mapping.nullable ? 'nullable ' : ''}${mapping.type}) cannot be compared with ${literal.edmType === 'null' ? 'null' : `a literal of type ${literal.edmType}`} in '${expression}'.`,
    );
  }
}

/**
 * A literal the database cannot bind is refused before it reaches SQL: a string with U+0000,
 * which no value holds, or a date outside the storable years.
 */
function storable(literal: ODataLiteral, expression: string): ODataLiteral {
  if (typeof literal.value === 'string' && !isStorableText(literal.value)) {
    throw new BadRequestError(
      `The string literal in '${expression}' contains the character U+0000, which no property holds.`,
    );
  }
  if (literal.value instanceof Date && !isStorableDate(literal.value)) {
    throw new BadRequestError(
      `The date literal in '${expression}' is outside ${STORABLE_YEARS_TEXT}.`,
    );
  }
  return literal;
}

/** An operand of a chain of and, or and not, or one of those operators. */
type LogicalItem = Token | 'and' | 'or' | 'not';

/** The items of a chain of and, or and not in the order of the text; parentheses are one item. */
function logicalItems(token: Token): LogicalItem[] {
  switch (token.type) {
    case 'CommonExpression':
    case 'BoolCommonExpression':
      return logicalItems(token.value as Token);
    case 'AndExpression':
    case 'OrExpression': {
      const { left, right } = token.value as { left: Token; right: Token };
      return [
        ...logicalItems(left),
        token.type === 'AndExpression' ? 'and' : 'or',
        ...logicalItems(right),
      ];
    }
    case 'NotExpression':
      return ['not', ...logicalItems(token.value as Token)];
    case 'InExpression':
      return inChainItems(token);
    default:
      return [token];
  }
}

/**
 * `a in (…) and b eq 1 or …`: the parser reads the list and all that follows as the right
 * operand of `in`, `{ left: <the list, or a chain starting with it>, right: <the rest> }`, and
 * keeps the operator between those two only in its source text. Splits it back into
 * `a in (…)`, the items after the list, that operator, and the rest's items.
 */
function inChainItems(token: Token): LogicalItem[] {
  const { left, right } = token.value as {
    left: Token;
    right: Token | { left?: Token; right?: Token };
  };
  if ('type' in right || !right.left || !right.right) {
    return [token];
  }
  const [list, ...afterList] = logicalItems(right.left);
  const leftEnd =
    token.raw.indexOf(right.left.raw, left.raw.length) + right.left.raw.length;
  const between = token.raw.slice(
    leftEnd,
    token.raw.length - right.right.raw.length,
  );
  const operator = /^\s+(and|or)\s+$/.exec(between)?.[1];
  if (
    typeof list !== 'object' ||
    list.type !== 'Literal' ||
    (operator !== 'and' && operator !== 'or')
  ) {
    return [token];
  }
  const inList: Token = {
    type: 'InExpression',
    value: { left, right: list },
    raw: `${left.raw} in ${list.raw}`,
  };
  return [inList, ...afterList, operator, ...logicalItems(right.right)];
}

/** `a/b/c` of a member expression token, or undefined if it is anything else. */
function memberPath(token: Token): string[] | undefined {
  let current: Token | undefined = token;
  const segments: string[] = [];
  while (current) {
    switch (current.type) {
      case 'FirstMemberExpression':
      case 'MemberExpression':
      case 'SingleNavigationExpression':
        current = current.value as Token;
        break;
      case 'PropertyPathExpression': {
        // A single name's value is its identifier token; a path's is { current, next }.
        const value = current.value as Token & {
          current?: Token;
          next?: Token;
        };
        if (!value.current) {
          current = value;
          break;
        }
        const name = (value.current.value as { name?: unknown }).name;
        if (typeof name !== 'string') {
          return undefined;
        }
        segments.push(name);
        current = value.next;
        break;
      }
      case 'ODataIdentifier':
        return [...segments, (current.value as { name: string }).name];
      default:
        return undefined;
    }
  }
  return undefined;
}
