import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  Get,
  Header,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { nodeRequestOf } from '../../http/node-http.js';
import { BadRequestError } from '../graph-errors.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type {
  EntitySetName,
  ODataEntitySet,
  TenantEntity,
} from './entity-set.js';
import { parseFilter } from './filter-expression.js';
import {
  ENTITY_QUERY_OPTIONS,
  LIST_QUERY_OPTIONS,
  parseListQuery,
  parseShapeQuery,
  systemQueryOptions,
} from './list-query.js';
import { ODataQueryOptions, type SystemQueryOption } from './query-options.js';

type AnySet = ODataEntitySet<TenantEntity>;

function urlOf(context: ExecutionContext): string {
  return nodeRequestOf(context.switchToHttp().getRequest()).url ?? '';
}

/** The list options of the request (`$filter`, `$orderby`, paging…), checked against `set`. */
export const ListQueryOf = createParamDecorator(
  (set: AnySet, context: ExecutionContext) =>
    parseListQuery(urlOf(context), set),
);

/** The `$select` and `$expand` of the request, checked against `set`. */
export const ShapeQueryOf = createParamDecorator(
  (set: AnySet, context: ExecutionContext) =>
    parseShapeQuery(urlOf(context), set),
);

export interface ODataRouteDescription {
  /** The route below the controller's path, or several; the controller's path itself when omitted. */
  readonly path?: string | readonly string[];
  readonly summary: string;
  readonly description: string;
  /** The system query options it takes, when not those of its kind of route. */
  readonly queryOptions?: readonly SystemQueryOption[];
}

function GetAt(path: ODataRouteDescription['path']): MethodDecorator {
  return Get(typeof path === 'string' ? path : [...(path ?? [''])]);
}

/** A GET answering a page of `set`: its OData options and its documented 200 answer. */
export function ListRoute<T extends TenantEntity>(
  set: ODataEntitySet<T>,
  route: ODataRouteDescription,
): MethodDecorator {
  return applyDecorators(
    GetAt(route.path),
    ODataQueryOptions(route.queryOptions ?? LIST_QUERY_OPTIONS),
    ApiOperation({ summary: route.summary, description: route.description }),
    ApiOkResponse({
      description: `A page of ${set.name}, with \`@odata.context\`, \`@odata.nextLink\` when more follow and \`@odata.count\` when asked for.`,
      schema: collectionSchema(set),
    }),
  );
}

/**
 * A GET of `<collection>/$count`: how many entities of `set` the list would answer, `$filter`
 * applied, as plain text (Kiota's `.count` builder reads it so).
 */
export function CountRoute<T extends TenantEntity>(
  set: ODataEntitySet<T>,
  route: ODataRouteDescription,
): MethodDecorator {
  return applyDecorators(
    GetAt(route.path),
    Header('Content-Type', 'text/plain; charset=utf-8'),
    ODataQueryOptions(route.queryOptions ?? COUNT_QUERY_OPTIONS),
    ApiOperation({ summary: route.summary, description: route.description }),
    ApiProduces('text/plain'),
    ApiOkResponse({
      description: `The number of ${set.name} the list would answer.`,
      schema: { type: 'integer', minimum: 0 },
    }),
  );
}

/** The options of a `$count` route: which entities to count. */
export const COUNT_QUERY_OPTIONS: readonly SystemQueryOption[] = ['filter'];

/**
 * GETs of `<collection>/{id}/<navigation>` and `<collection>/{id}/<navigation>/<navigation>`, at
 * each of `collections`: one path per single-valued navigation of `set`, and per navigation of
 * the set it leads to (`roleDefinition/resource`). The answer is the entity at the path's end,
 * in its own entity set's envelope; the handler learns which with `NavigationPathOf`. The second
 * steps are the targets' navigations, known once those sets are registered: the route, and
 * `decorators` with it, is declared then (`ENTITY_SETS.checkNothingWaits` refuses a start-up
 * where they never are). A set without navigations has no such route.
 */
export function NavigationRoutes<T extends TenantEntity>(
  set: ODataEntitySet<T>,
  collections: readonly string[],
  ...decorators: MethodDecorator[]
): MethodDecorator {
  const targets = Object.values(set.navigation).map(
    (navigation) => navigation.target,
  );
  return (prototype, method, descriptor) =>
    ENTITY_SETS.whenRegistered(targets, () => {
      const paths = navigationPathsOf(set);
      if (paths.length === 0) {
        return;
      }
      applyDecorators(
        Get(
          collections.flatMap((collection) =>
            paths.map((path) => `${collection}/:id/${path}`),
          ),
        ),
        ODataQueryOptions([]),
        ApiOperation({
          summary: `Get an entity related to a ${set.typeName}`,
          description: `The ${paths.join(', ')} of one ${set.typeName} of your tenant, each at its own path.`,
        }),
        ApiOkResponse({
          description: 'The related entity, with `@odata.context`.',
          schema: {
            anyOf: [
              ...new Set(
                paths.map((path) => navigationTargetOf(set, path.split('/'))),
              ),
            ].map(entitySetSchema),
          },
        }),
        ...decorators,
      )(prototype, method, descriptor);
    });
}

/** The navigation paths of one and two steps from `set`, as `roleDefinition/resource`. */
function navigationPathsOf(set: AnySet): string[] {
  return Object.entries(set.navigation).flatMap(([name, navigation]) => [
    name,
    ...Object.keys(ENTITY_SETS.target(navigation).navigation).map(
      (next) => `${name}/${next}`,
    ),
  ]);
}

/** The name of the entity set a navigation path leads to from `set`. */
export function navigationTargetOf(
  set: AnySet,
  path: readonly string[],
): EntitySetName {
  return path.reduce(
    (source, navigation) => ENTITY_SETS.target(source.navigation[navigation]),
    set,
  ).name;
}

/**
 * The navigation path a request of `NavigationRoutes` asked for: the segments of its route after
 * the id (the route's, not the URL's: the router matches names in any case). Nest gives every
 * path of one handler the same metadata, so the route the request matched is the one place that
 * tells them apart; a handler per path would split the handler's one OpenAPI operation.
 */
export const NavigationPathOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): string[] => {
    const route =
      context.switchToHttp().getRequest<{ routeOptions?: { url?: string } }>()
        .routeOptions?.url ?? '';
    const segments = route.split('/');
    return segments.slice(segments.indexOf(':id') + 1).filter(Boolean);
  },
);

/**
 * The parent id of an item's `$filter=<property> eq '<id>'` (`resourceId`, as Graph documents
 * the read of one role definition); undefined without `$filter`. Any other filter is refused:
 * it could only hide the one entity asked for.
 */
export const ParentFilterOf = createParamDecorator(
  (
    { set, property }: { set: AnySet; property?: string },
    context: ExecutionContext,
  ): string | undefined => {
    const text = systemQueryOptions(urlOf(context)).get('filter');
    if (text === undefined) {
      return undefined;
    }
    const filter = property === undefined ? undefined : parseFilter(text, set);
    if (
      filter?.kind !== 'compare' ||
      filter.operator !== 'eq' ||
      filter.property !== property ||
      typeof filter.value !== 'string'
    ) {
      throw new BadRequestError(
        `Invalid $filter '${text}' on a single ${set.typeName}: only ${property ?? 'a parent'} eq '<id>' is supported.`,
      );
    }
    return filter.value;
  },
);

/** A GET answering one entity of `set`, with `$select` and `$expand`. */
export function EntityRoute<T extends TenantEntity>(
  set: ODataEntitySet<T>,
  route: ODataRouteDescription,
): MethodDecorator {
  return applyDecorators(
    GetAt(route.path ?? ':id'),
    ODataQueryOptions(route.queryOptions ?? ENTITY_QUERY_OPTIONS),
    ApiOperation({ summary: route.summary, description: route.description }),
    ApiOkResponse({
      description: `The ${set.typeName}, with \`@odata.context\`.`,
      schema: {
        allOf: [
          {
            type: 'object',
            properties: { '@odata.context': { type: 'string' } },
          },
          set.schema,
        ],
      },
    }),
  );
}

function collectionSchema<T extends TenantEntity>(
  set: ODataEntitySet<T>,
): SchemaObject {
  return {
    type: 'object',
    required: ['@odata.context', 'value'],
    properties: {
      '@odata.context': { type: 'string' },
      '@odata.count': { type: 'integer', minimum: 0 },
      '@odata.nextLink': { type: 'string', format: 'uri' },
      value: { type: 'array', items: expandableSchema(set) },
    },
  };
}

/**
 * The entity's schema with its navigation properties, present when `$expand` names them: the
 * related entity, or null when there is none. A referenced schema is closed, so it is documented
 * as it is, or as an object of the selected and expanded properties.
 */
function expandableSchema<T extends TenantEntity>(
  set: ODataEntitySet<T>,
): SchemaObject | ReferenceObject {
  if (!('properties' in set.schema)) {
    return {
      anyOf: [
        set.schema,
        {
          type: 'object',
          description:
            'With `$select` or `$expand`: the selected properties and the expanded navigation properties.',
        },
      ],
    };
  }
  const navigation = Object.entries(set.navigation).map(
    ([name, property]): [string, SchemaObject] => [
      name,
      {
        description: `With \`$expand=${name}\`.`,
        anyOf: [entitySetSchema(property.target), { type: 'null' }],
      },
    ],
  );
  return {
    ...set.schema,
    properties: {
      ...set.schema.properties,
      ...Object.fromEntries(navigation),
    },
  };
}

// Stands for an entity set's schema in a route's documentation until the document is built.
const ENTITY_SET_SCHEMA = 'x-entity-set-schema';

/**
 * A navigation's target schema, by name: a route is documented when its controller class is
 * defined, which may be before its navigations' targets are registered.
 */
function entitySetSchema(name: EntitySetName): SchemaObject {
  return { [ENTITY_SET_SCHEMA]: name } as SchemaObject;
}

/** Puts the registered entity sets' schemas where the routes named them (`entitySetSchema`). */
export function resolveEntitySetSchemas<T>(document: T): T {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map(resolve);
    }
    if (node === null || typeof node !== 'object') {
      return node;
    }
    const name = (node as Record<string, unknown>)[ENTITY_SET_SCHEMA];
    if (typeof name === 'string') {
      return ENTITY_SETS.named(name).schema;
    }
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, resolve(value)]),
    );
  };
  return resolve(document) as T;
}
