import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  type EntitySelect,
  EntityStore,
} from '../../entity-store/entity-store.js';
import { normalizeGuid } from '../../values/guid.js';
import {
  type ComputedPropertiesSource,
  ComputesPropertiesOf,
  type ReadingCaller,
} from './computed-properties.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import {
  filterSql,
  type NavigationSql,
  type SqlConditionContext,
} from './filter-sql.js';
import { Keyset } from './keyset.js';
import {
  type ExpandItem,
  type ListQuery,
  navigationProperty,
  type ShapeQuery,
} from './list-query.js';
import { withinTenant } from './tenant-scope.js';

type GraphObject = Record<string, unknown>;
type AnySet = ODataEntitySet;

/** How many entities an expanded collection-valued navigation property holds, at most. */
export const MAX_EXPANDED_COLLECTION = 50;

/** One page of a list, in the Graph JSON shape the query selected and expanded. */
export interface EntityPage {
  readonly value: GraphObject[];
  /** `@odata.count`, when `$count=true`. */
  readonly count?: number;
  /** The `$skiptoken` of the next page, when there is one. */
  readonly nextSkipToken?: string;
}

/**
 * Lists and reads any entity set in SQL: filter, order, page, count, then the expanded entities
 * of the page in one query per navigation property, every query within the caller's tenant.
 * The feature modules share it instead of each writing its own list and get. Its reads go
 * through the `EntityStore` the database layer provides: in the calling service's unit of work,
 * if it runs in one, as the repositories' statements do.
 */
@Injectable()
export class EntitySetReader implements OnModuleInit {
  private readonly computers = new Map<string, ComputedPropertiesSource>();

  constructor(
    private readonly store: EntityStore,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({
      metadataKey: ComputesPropertiesOf.KEY,
    })) {
      const setName = this.discovery.getMetadataByDecorator(
        ComputesPropertiesOf,
        wrapper,
      );
      if (setName && wrapper.instance) {
        this.computers.set(
          setName,
          wrapper.instance as ComputedPropertiesSource,
        );
      }
    }
  }

  /**
   * A page of the tenant's entities matching the query; `scope` adds equality conditions of a
   * route such as `/resources/{id}/roleDefinitions` (`{ resourceId: id }`). `caller` may be the
   * tenant alone, for a set none of whose computed properties describes who reads it.
   */
  async list<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    caller: ReadingCaller | string,
    query: ListQuery,
    scope: Partial<Record<keyof T & string, string>> = {},
  ): Promise<EntityPage> {
    return this.listOf(asAnySet(set), callerOf(caller), query, scope);
  }

  /**
   * How many of the tenant's entities within `scope` the query's `$filter` matches: what
   * `…/$count` answers, read without a page beside it.
   */
  async count<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    caller: ReadingCaller | string,
    query: Pick<ListQuery, 'filter'>,
    scope: Partial<Record<keyof T & string, string>> = {},
  ): Promise<number> {
    return this.matching(
      asAnySet(set),
      callerOf(caller).tenantId,
      scope,
      query,
    ).count();
  }

  /**
   * One entity of the tenant, selected and expanded. An id that is not a GUID, or names no
   * entity of the tenant (another tenant's included) within `scope` (properties it must have,
   * such as the parent of `/resources/{id}/roleDefinitions/{id}`), throws `notFound()`.
   */
  async get<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    caller: ReadingCaller | string,
    id: string,
    query: ShapeQuery,
    notFound: () => Error,
    scope: Partial<Record<keyof T & string, string>> = {},
  ): Promise<GraphObject> {
    const key = normalizeGuid(id);
    const found =
      key &&
      (await this.getOf(asAnySet(set), callerOf(caller), key, query, scope));
    if (!found) {
      throw notFound();
    }
    return found;
  }

  private async listOf(
    set: AnySet,
    caller: ReadingCaller,
    query: ListQuery,
    scope: Record<string, string | undefined>,
  ): Promise<EntityPage> {
    const { tenantId } = caller;
    const keyset = Keyset.of(
      query.orderBy.length > 0 ? query.orderBy : (set.defaultOrderBy ?? []),
      (property) => set.properties[property].type,
    );
    const page = this.matching(set, tenantId, scope, query);
    if (query.skipToken !== undefined) {
      page.where(
        keyset.afterSql(
          keyset.valuesOf(query.skipToken),
          new PropertyConditions(set, page, tenantId),
        ),
      );
    }
    for (const key of keyset.keys) {
      page.orderBy(set.properties[key.property].column, key.direction);
    }
    // The count has a read of its own: a page's read has its keyset condition, bound after
    // the conditions they share.
    const [rows, count] = await Promise.all([
      page.entities({
        limit: query.top + 1,
        offset: query.skipToken === undefined ? query.skip : 0,
      }),
      query.count
        ? this.matching(set, tenantId, scope, query).count()
        : Promise.resolve(undefined),
    ]);
    const entities = rows.slice(0, query.top);
    const last = entities.at(-1);
    return {
      value: await this.present(set, caller, entities, query),
      count,
      nextSkipToken:
        rows.length > query.top && last
          ? keyset.tokenAfter(
              keyset.keys.map((key) =>
                valueOf(last, set.properties[key.property].column),
              ),
            )
          : undefined,
    };
  }

  private async getOf(
    set: AnySet,
    caller: ReadingCaller,
    id: string,
    query: ShapeQuery,
    scope: Record<string, string | undefined>,
  ): Promise<GraphObject | undefined> {
    const select = this.scoped(set, caller.tenantId, scope);
    const [entity] = await select
      .where(`${select.column('id')} = ${select.bind('id', id)}`)
      .entities();
    if (!entity) {
      return undefined;
    }
    const [graph] = await this.present(set, caller, [entity], query);
    return graph;
  }

  /** The tenant's entities of a list's scope that its `$filter` matches. */
  private matching(
    set: AnySet,
    tenantId: string,
    scope: Record<string, string | undefined>,
    query: Pick<ListQuery, 'filter'>,
  ): EntitySelect<TenantEntity> {
    const select = this.scoped(set, tenantId, scope);
    if (query.filter) {
      select.where(
        filterSql(query.filter, new PropertyConditions(set, select, tenantId)),
      );
    }
    return select;
  }

  /** The tenant's entities whose properties have the scope's values. */
  private scoped(
    set: AnySet,
    tenantId: string,
    scope: Record<string, string | undefined>,
  ): EntitySelect<TenantEntity> {
    const select = this.tenantSelect(set, tenantId);
    for (const [property, value] of Object.entries(scope)) {
      if (value !== undefined) {
        select.where(
          `${select.column(property)} = ${select.bind(property, value)}`,
        );
      }
    }
    return select;
  }

  private tenantSelect(
    set: AnySet,
    tenantId: string,
  ): EntitySelect<TenantEntity> {
    return withinTenant(this.store.select(set.entity), tenantId);
  }

  private async present(
    set: AnySet,
    caller: ReadingCaller,
    entities: readonly TenantEntity[],
    query: ShapeQuery,
  ): Promise<GraphObject[]> {
    const [computed, ...expansions] = await Promise.all([
      this.computed(set, caller, entities, query.select),
      ...query.expand.map(async (item) => ({
        name: item.navigation,
        valueOf: await this.expansion(set, caller, item, entities),
      })),
    ]);
    return entities.map((entity) => {
      const graph = selected(
        { ...set.present(entity), ...computed(entity) },
        query.select,
      );
      for (const { name, valueOf: expanded } of expansions) {
        graph[name] = expanded(entity);
      }
      return graph;
    });
  }

  /**
   * The Graph JSON of the computed properties `select` names, for each entity of a page: none
   * unless named, as Graph computes them only then.
   */
  private async computed(
    set: AnySet,
    caller: ReadingCaller,
    entities: readonly TenantEntity[],
    select: readonly string[] | undefined,
  ): Promise<(entity: TenantEntity) => GraphObject> {
    const computed = set.computed;
    const names =
      computed && select
        ? computed.names.filter((name) => select.includes(name))
        : [];
    if (!computed || names.length === 0 || entities.length === 0) {
      return () => ({});
    }
    const source = this.computers.get(set.name);
    if (!source) {
      throw new Error(
        `No provider is marked @ComputesPropertiesOf('${set.name}').`,
      );
    }
    const values = await source.valuesOf(
      caller,
      entities.map((entity) => entity.id),
      names,
    );
    return (entity) => computed.present(values.get(entity.id) ?? {});
  }

  /**
   * What an expanded navigation property holds for each entity of a page: the related entity
   * (or null), or for a collection the first `MAX_EXPANDED_COLLECTION` related entities by id;
   * each selected and expanded as the item's own options say.
   */
  private async expansion(
    set: AnySet,
    caller: ReadingCaller,
    item: ExpandItem,
    entities: readonly TenantEntity[],
  ): Promise<(entity: TenantEntity) => GraphObject | GraphObject[] | null> {
    const single = Object.hasOwn(set.navigation, item.navigation);
    const navigation = navigationProperty(set, item.navigation);
    if (!navigation) {
      throw new Error(`${set.name} has no navigation '${item.navigation}'`);
    }
    const target = ENTITY_SETS.target(navigation);
    const targetProperty = navigation.targetProperty ?? 'id';
    const keys = [
      ...new Set(
        entities
          .map((entity) => valueOf(entity, navigation.sourceProperty))
          .filter((key): key is string => typeof key === 'string'),
      ),
    ];
    const rows = single
      ? await this.relatedOf(target, caller.tenantId, targetProperty, keys)
      : await this.collectionsOf(target, caller.tenantId, targetProperty, keys);
    const graphs = await this.present(target, caller, rows, {
      select: item.select,
      expand: item.expand ?? [],
    });
    const byKey = new Map<string, GraphObject[]>();
    rows.forEach((row, index) => {
      const key = valueOf(row, targetProperty) as string;
      byKey.set(key, [...(byKey.get(key) ?? []), graphs[index]]);
    });
    return (entity) => {
      const related =
        byKey.get(valueOf(entity, navigation.sourceProperty) as string) ?? [];
      return single ? (related[0] ?? null) : related;
    };
  }

  /** The tenant's entities of `target` whose `targetProperty` is one of the keys. */
  private async relatedOf(
    target: AnySet,
    tenantId: string,
    targetProperty: string,
    keys: readonly string[],
  ): Promise<TenantEntity[]> {
    if (keys.length === 0) {
      return [];
    }
    const select = this.tenantSelect(target, tenantId);
    return select
      .where(
        `${select.column(targetProperty)} IN (${keys.map((key) => select.bind(targetProperty, key)).join(', ')})`,
      )
      .entities();
  }

  /**
   * For each key, the first `MAX_EXPANDED_COLLECTION` of the tenant's entities of `target` whose
   * `targetProperty` is that key, by id: a read per key, so that one key's many never crowd out
   * another's.
   */
  private async collectionsOf(
    target: AnySet,
    tenantId: string,
    targetProperty: string,
    keys: readonly string[],
  ): Promise<TenantEntity[]> {
    const collections = await Promise.all(
      keys.map((key) => {
        const select = this.tenantSelect(target, tenantId);
        return select
          .where(
            `${select.column(targetProperty)} = ${select.bind(targetProperty, key)}`,
          )
          .orderBy('id', 'asc')
          .entities({ limit: MAX_EXPANDED_COLLECTION, offset: 0 });
      }),
    );
    return collections.flat();
  }
}

function callerOf(caller: ReadingCaller | string): ReadingCaller {
  return typeof caller === 'string' ? { tenantId: caller } : caller;
}

/** Entity sets are generic in their entity; the reader works on any. */
function asAnySet<T extends TenantEntity>(set: ODataEntitySet<T>): AnySet {
  return set;
}

function valueOf(entity: TenantEntity, property: string): unknown {
  return (entity as unknown as Record<string, unknown>)[property];
}

/**
 * The Graph JSON of an entity as `$select` shapes it: only the properties it names, in its order;
 * every property without it. Exported for the sets that are not stored and present themselves.
 */
export function selected(
  graph: GraphObject,
  select: readonly string[] | undefined,
): GraphObject {
  if (!select) {
    return graph;
  }
  return Object.fromEntries(select.map((name) => [name, graph[name]]));
}

/** A read whose conditions `$filter` writes: an entity's, or one inside its conditions. */
type SqlReadOf<T extends object> = Pick<
  EntitySelect<T>,
  'column' | 'bind' | 'subselect'
>;

/**
 * The `$filter` and `$orderby` property paths of an entity set, on a read of its entity: each
 * path is the column of the entity property the set maps it to.
 */
class PropertyConditions implements SqlConditionContext {
  constructor(
    private readonly set: AnySet,
    private readonly select: SqlReadOf<TenantEntity>,
    private readonly tenantId: string,
  ) {}

  navigation(
    name: string,
    condition: (target: SqlConditionContext) => string,
  ): NavigationSql {
    const navigation = this.set.navigation[name];
    const target = ENTITY_SETS.target(navigation);
    const targets = withinTenant(
      this.select.subselect(target.entity),
      this.tenantId,
    );
    targets.where(
      condition(new PropertyConditions(target, targets, this.tenantId)),
    );
    return {
      source: this.select.column(navigation.sourceProperty),
      targets: targets.values(navigation.targetProperty ?? 'id'),
    };
  }

  column(property: string): string {
    return this.select.column(this.set.properties[property].column);
  }

  nullable(property: string): boolean {
    return this.set.properties[property].nullable === true;
  }

  bind(property: string, value: unknown): string {
    return this.select.bind(this.set.properties[property].column, value);
  }
}
