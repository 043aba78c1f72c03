import type { FilterExpression } from './filter-expression.js';

/**
 * Where the SQL of a condition on properties gets its column names and parameters. Column names
 * come only from the entity set's mapping and the entity metadata; every literal becomes a bound
 * parameter.
 */
export interface SqlPropertyContext {
  /** The quoted, qualified column of a property path. */
  column(property: string): string;
  nullable(property: string): boolean;
  /** Binds a literal compared with `property` and returns its placeholder. */
  bind(property: string, value: unknown): string;
}

/** Where the SQL of a filter gets its columns, parameters and navigations. */
export interface SqlConditionContext extends SqlPropertyContext {
  /**
   * A single-valued navigation property: its source column, and the SQL selecting the keys of the tenant's targets meeting a condition written in the target's
   * context (`SELECT id FROM … WHERE …`), its literals bound when `condition` writes them.
   */
  navigation(
    name: string,
    condition: (target: SqlConditionContext) => string,
  ): NavigationSql;
}

export interface NavigationSql {
  readonly source: string;
  readonly targets: string;
}

const SQL_OPERATORS = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
} as const;

/**
 * The SQL condition of a filter. Every condition it writes is two-valued (never NULL), so that
 * `not` and `ne` treat a null property as OData does: `null ne 'a'` is true, `null eq 'a'` false.
 */
export function filterSql(
  expression: FilterExpression,
  context: SqlConditionContext,
): string {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return `(${filterSql(expression.left, context)} ${expression.kind.toUpperCase()} ${filterSql(expression.right, context)})`;
    case 'not':
      return `(NOT ${filterSql(expression.operand, context)})`;
    case 'compare':
      return comparisonSql(expression, context);
    case 'navigation':
      return navigationSql(expression, context);
    case 'in':
      return inSql(expression.property, expression.values, context);
    case 'function':
      // Both sides lowered by the database's one lower(), Unicode-aware on SQLite too
      // (registerUnicodeLower): a value and a row that differ in case match on either database.
      return notNull(
        expression.property,
        `LOWER(${context.column(expression.property)}) LIKE LOWER(${context.bind(
          expression.property,
          likePattern(expression.name, expression.value),
        )}) ESCAPE '\\'`,
        context,
      );
  }
}

/**
 * A condition through a navigation property: there is a related entity meeting it. With no
 * related entity, the condition holds as it would of a null property (`resource/type eq null`,
 * `roleDefinition/displayName ne 'Reader'`), as OData's null propagation has it.
 */
function navigationSql(
  expression: Extract<FilterExpression, { kind: 'navigation' }>,
  context: SqlConditionContext,
): string {
  const { source, targets } = context.navigation(
    expression.navigation,
    (target) => filterSql(expression.condition, target),
  );
  // IS NULL / IS NOT NULL keep the condition two-valued: `NULL IN (…)` is NULL.
  const related = `${source} IN (${targets})`;
  return holdsOfNull(expression.condition)
    ? `(${source} IS NULL OR ${related})`
    : `(${source} IS NOT NULL AND ${related})`;
}

/** Whether a condition holds of an entity whose every property is null. */
function holdsOfNull(expression: FilterExpression): boolean {
  switch (expression.kind) {
    case 'and':
      return holdsOfNull(expression.left) && holdsOfNull(expression.right);
    case 'or':
      return holdsOfNull(expression.left) || holdsOfNull(expression.right);
    case 'not':
      return !holdsOfNull(expression.operand);
    case 'compare':
      return (expression.value === null) === (expression.operator === 'eq');
    case 'in':
      return expression.values.includes(null);
    case 'function':
      return false;
    case 'navigation':
      return holdsOfNull(expression.condition);
  }
}

function comparisonSql(
  expression: Extract<FilterExpression, { kind: 'compare' }>,
  context: SqlConditionContext,
): string {
  const { property, operator, value } = expression;
  const column = context.column(property);
  if (value === null) {
    return operator === 'eq' ? `${column} IS NULL` : `${column} IS NOT NULL`;
  }
  const condition = `${column} ${SQL_OPERATORS[operator]} ${context.bind(property, value)}`;
  if (!context.nullable(property)) {
    return condition;
  }
  return operator === 'ne'
    ? `(${column} IS NULL OR ${condition})`
    : `(${column} IS NOT NULL AND ${condition})`;
}

function inSql(
  property: string,
  values: readonly unknown[],
  context: SqlConditionContext,
): string {
  const column = context.column(property);
  const present = values.filter((value) => value !== null);
  const list =
    present.length > 0
      ? notNull(
          property,
          `${column} IN (${present.map((value) => context.bind(property, value)).join(', ')})`,
          context,
        )
      : '1 = 0';
  return present.length < values.length
    ? `(${column} IS NULL OR ${list})`
    : list;
}

function notNull(
  property: string,
  condition: string,
  context: SqlConditionContext,
): string {
  return context.nullable(property)
    ? `(${context.column(property)} IS NOT NULL AND ${condition})`
    : condition;
}

/** A LIKE pattern matching the function, with the literal's own `%`, `_` and `\` escaped. */
function likePattern(
  name: 'startswith' | 'endswith' | 'contains',
  text: string,
): string {
  const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
  switch (name) {
    case 'startswith':
      return `${escaped}%`;
    case 'endswith':
      return `%${escaped}`;
    case 'contains':
      return `%${escaped}%`;
  }
}
