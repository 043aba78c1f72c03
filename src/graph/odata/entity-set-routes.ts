import { applyDecorators, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import {
  type PermissionRequirement,
  RequiredScopes,
} from '../../auth/required-scopes.decorator.js';
import {
  ApiGraphErrors,
  type DocumentedError,
} from '../api-graph-errors.decorator.js';
import {
  below,
  collectionPaths,
  collectionPathsBelow,
} from './collection-paths.js';
import type { EntityPage } from './entity-set-reader.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import { type GraphCollectionBody, GraphResponses } from './graph-responses.js';
import {
  ENTITY_QUERY_OPTIONS,
  type ListQuery,
  type ShapeQuery,
} from './list-query.js';
import {
  CountRoute,
  EntityRoute,
  ListQueryOf,
  ListRoute,
  NavigationPathOf,
  NavigationRoutes,
  navigationTargetOf,
  ParentFilterOf,
  ShapeQueryOf,
} from './odata-routes.js';
import { NavigationTargetNotFoundError } from '../graph-errors.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../http/request-address.js';

/** What the read routes of an entity set call. */
export interface EntitySetReads {
  list(caller: Principal, query: ListQuery): Promise<EntityPage>;
  count(caller: Principal, query: ListQuery): Promise<number>;
  get(caller: Principal, id: string, query: ShapeQuery): Promise<object>;
  navigate(
    caller: Principal,
    id: string,
    path: readonly string[],
  ): Promise<object>;
  listOfParent(
    caller: Principal,
    parentId: string,
    query: ListQuery,
  ): Promise<EntityPage>;
  countOfParent(
    caller: Principal,
    parentId: string,
    query: ListQuery,
  ): Promise<number>;
  getOfParent(
    caller: Principal,
    parentId: string,
    id: string,
    query: ShapeQuery,
  ): Promise<object>;
}

/**
 * The routes are below the controller's path, which is the Graph version's (`beta`): a set is
 * served at its own name there (`beta/governanceRoleDefinitions`) and, when a provider contains
 * it (the set's `containedIn`), below that provider too
 * (`beta/privilegedAccess/azureResources/roleDefinitions`).
 */
export interface EntitySetRoutesOptions {
  readonly permissions: PermissionRequirement;
  /** The error of an unknown id (a domain error shows in its Graph wording). */
  readonly notFound: DocumentedError;
  /** False when the module answers `GET <collection>/{id}` itself. */
  readonly entityRoute?: boolean;
  /**
   * Adds `GET <parent>/{id}/<collection>` at each path of the parent's collection, and the
   * item's `$filter=<property> eq '<parent id>'` (Graph's documented form of the same read).
   * Only for a set a provider contains: `<collection>` is its name there.
   */
  readonly parent?: {
    readonly set: ODataEntitySet;
    /** The child's property naming its parent, such as `resourceId`. */
    readonly property: string;
    readonly notFound: DocumentedError;
  };
}

/** The decorators of a route the options may leave out: without them the method is no route. */
function RouteIf(
  wanted: boolean,
  ...decorators: (MethodDecorator | ClassDecorator)[]
): MethodDecorator {
  return wanted ? applyDecorators(...decorators) : () => undefined;
}

/** The controller class `EntitySetRoutes` makes, for a feature module's controller to extend. */
export interface EntitySetRoutesClass {
  new (reads: EntitySetReads, responses: GraphResponses): object;
}

/**
 * The read routes of an entity set: the list, one entity (unless `entityRoute` is false, for a
 * module that answers it itself) and, with `parent`, the list of one parent's entities. Every
 * module lists and reads the same way, so the routes are written once; a feature module's
 * controller extends the class this returns.
 */
export function EntitySetRoutes<T extends TenantEntity>(
  set: ODataEntitySet<T>,
  options: EntitySetRoutesOptions,
): EntitySetRoutesClass {
  const expandable = Object.keys(set.navigation);
  const expand = expandable.length
    ? ` and \`$expand\` of ${expandable.join(', ')}`
    : '';
  const many = `${set.typeName}s`;
  const { parent } = options;
  const collection = collectionPaths(set);
  const ofParent = parent
    ? collectionPathsBelow(parent.set, 'parentId', set)
    : [];

  class Routes {
    constructor(
      readonly reads: EntitySetReads,
      readonly responses: GraphResponses,
    ) {}

    @ListRoute(set, {
      path: collection,
      summary: `List ${many}`,
      description: `The ${many} of your tenant, with \`$filter\`, \`$orderby\`, \`$top\`, \`$skip\`, \`$count\`, \`$select\`${expand}.`,
    })
    @RequiredScopes(options.permissions)
    async list(
      @CurrentPrincipal() caller: Principal,
      @ListQueryOf(set) query: ListQuery,
      @CurrentRequestAddress() address: RequestAddress,
    ): Promise<GraphCollectionBody> {
      return this.responses.collection(
        address,
        set.name,
        await this.reads.list(caller, query),
      );
    }

    @CountRoute(set, {
      path: below(collection, '$count'),
      summary: `Count ${many}`,
      description: `How many ${many} of your tenant the list would answer, with \`$filter\`, as plain text.`,
    })
    @RequiredScopes(options.permissions)
    async count(
      @CurrentPrincipal() caller: Principal,
      @ListQueryOf(set) query: ListQuery,
    ): Promise<string> {
      return String(await this.reads.count(caller, query));
    }

    @NavigationRoutes(
      set,
      collection,
      RequiredScopes(options.permissions),
      ApiGraphErrors(
        { error: options.notFound },
        {
          error: new NavigationTargetNotFoundError(
            set.typeName,
            Object.keys(set.navigation)[0] ?? '',
          ),
        },
      ),
    )
    async navigate(
      @CurrentPrincipal() caller: Principal,
      @Param('id') id: string,
      @NavigationPathOf() path: readonly string[],
      @CurrentRequestAddress() address: RequestAddress,
    ): Promise<object> {
      return this.responses.entity(
        address,
        navigationTargetOf(set, path),
        await this.reads.navigate(caller, id, path),
      );
    }

    @RouteIf(
      options.entityRoute !== false,
      EntityRoute(set, {
        path: below(collection, ':id'),
        summary: `Get ${set.typeName}`,
        description: parent
          ? `One ${set.typeName} of your tenant, with \`$select\`${expand}; with \`$filter=${parent.property} eq '<id>'\`, found only when it is that ${parent.set.typeName}'s.`
          : `One ${set.typeName} of your tenant, with \`$select\`${expand}.`,
        queryOptions: parent
          ? [...ENTITY_QUERY_OPTIONS, 'filter']
          : ENTITY_QUERY_OPTIONS,
      }),
      RequiredScopes(options.permissions),
      ApiGraphErrors(
        { error: options.notFound },
        ...(parent ? [{ error: parent.notFound }] : []),
      ),
    )
    async get(
      @CurrentPrincipal() caller: Principal,
      @Param('id') id: string,
      @ShapeQueryOf(set) query: ShapeQuery,
      @ParentFilterOf({ set, property: parent?.property })
      parentId: string | undefined,
      @CurrentRequestAddress() address: RequestAddress,
    ): Promise<object> {
      return this.responses.entity(
        address,
        set.name,
        parentId === undefined
          ? await this.reads.get(caller, id, query)
          : await this.reads.getOfParent(caller, parentId, id, query),
      );
    }

    @RouteIf(
      parent !== undefined,
      ListRoute(set, {
        path: ofParent,
        summary: `List ${many} of a ${parent?.set.typeName}`,
        description: `The ${many} of one ${parent?.set.typeName} of your tenant, with the options of the whole list.`,
      }),
      RequiredScopes(options.permissions),
      ApiGraphErrors({ error: parent?.notFound ?? options.notFound }),
    )
    async listOfParent(
      @CurrentPrincipal() caller: Principal,
      @Param('parentId') parentId: string,
      @ListQueryOf(set) query: ListQuery,
      @CurrentRequestAddress() address: RequestAddress,
    ): Promise<GraphCollectionBody> {
      return this.responses.collection(
        address,
        set.name,
        await this.reads.listOfParent(caller, parentId, query),
      );
    }

    @RouteIf(
      parent !== undefined,
      EntityRoute(set, {
        path: below(ofParent, ':id'),
        summary: `Get ${set.typeName} of a ${parent?.set.typeName}`,
        description: `One ${set.typeName} of one ${parent?.set.typeName} of your tenant, with \`$select\`${expand}; another ${parent?.set.typeName}'s is not found.`,
      }),
      RequiredScopes(options.permissions),
      ApiGraphErrors(
        { error: parent?.notFound ?? options.notFound },
        { error: options.notFound },
      ),
    )
    async getOfParent(
      @CurrentPrincipal() caller: Principal,
      @Param('parentId') parentId: string,
      @Param('id') id: string,
      @ShapeQueryOf(set) query: ShapeQuery,
      @CurrentRequestAddress() address: RequestAddress,
    ): Promise<object> {
      return this.responses.entity(
        address,
        set.name,
        await this.reads.getOfParent(caller, parentId, id, query),
      );
    }

    @RouteIf(
      parent !== undefined,
      CountRoute(set, {
        path: below(ofParent, '$count'),
        summary: `Count ${many} of a ${parent?.set.typeName}`,
        description: `How many ${many} of one ${parent?.set.typeName} of your tenant the list would answer, with \`$filter\`, as plain text.`,
      }),
      RequiredScopes(options.permissions),
      ApiGraphErrors({ error: parent?.notFound ?? options.notFound }),
    )
    async countOfParent(
      @CurrentPrincipal() caller: Principal,
      @Param('parentId') parentId: string,
      @ListQueryOf(set) query: ListQuery,
    ): Promise<string> {
      return String(await this.reads.countOfParent(caller, parentId, query));
    }
  }
  return Routes;
}
