import { Injectable } from '@nestjs/common';
import {
  type EntitySelect,
  EntityStore,
} from '../../entity-store/entity-store.js';
import { normalizeGuid } from '../../values/guid.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type {
  ODataEntitySet,
  ODataNavigationProperty,
  TenantEntity,
} from './entity-set.js';
import { filterSql, type SqlConditionContext } from './filter-sql.js';
import { Keyset } from './keyset.js';
import type { ExpandItem, ListQuery, ShapeQuery } from './list-query.js';

type GraphObject = Record<string, unknown>;
type AnySet = ODataEntitySet;

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
export class EntitySetReader {
  constructor(private readonly store: EntityStore) {}

  /**
   * A page of the tenant's entities matching the query; `scope` adds equality conditions of a
   * route such as `/resources/{id}/roleDefinitions` (`{ resourceId: id }`).
   */
  async list<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    tenantId: string,
    query: ListQuery,
    scope: Partial<Record<keyof T & string, string>> = {},
  ): Promise<EntityPage> {
    return this.listOf(asAnySet(set), tenantId, query, scope);
  }

  /**
   * One entity of the tenant, selected and expanded. An id that is not a GUID, or names no
   * entity of the tenant (another tenant's included) within `scope` (properties it must have,
   * such as the parent of `/resources/{id}/roleDefinitions/{id}`), throws `notFound()`.
   */
  async get<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    tenantId: string,
    id: string,
    query: ShapeQuery,
    notFound: () => Error,
    scope: Partial<Record<keyof T & string, string>> = {},
  ): Promise<GraphObject> {
    const key = normalizeGuid(id);
    const found =
      key && (await this.getOf(asAnySet(set), tenantId, key, query, scope));
    if (!found) {
      throw notFound();
    }
    return found;
  }

  private async listOf(
    set: AnySet,
    tenantId: string,
    query: ListQuery,
    scope: Record<string, string | undefined>,
  ): Promise<EntityPage> {
    const keyset = Keyset.of(
      query.orderBy.length > 0 ? query.orderBy : (set.defaultOrderBy ?? []),
      (property) => set.properties[property].type,
    );
    const page = this.matching(set, tenantId, scope, query);
    if (query.skipToken !== undefined) {
      page.where(
        keyset.afterSql(
          keyset.valuesOf(query.skipToken),
          new PropertyConditions(set, page),
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
      value: await this.present(set, tenantId, entities, query),
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
    tenantId: string,
    id: string,
    query: ShapeQuery,
    scope: Record<string, string | undefined>,
  ): Promise<GraphObject | undefined> {
    const select = this.scoped(set, tenantId, scope);
    const [entity] = await select
      .where(`${select.column('id')} = ${select.bind('id', id)}`)
      .entities();
    if (!entity) {
      return undefined;
    }
    const [graph] = await this.present(set, tenantId, [entity], query);
    return graph;
  }

  /** The tenant's entities of a list's scope that its `$filter` matches. */
  private matching(
    set: AnySet,
    tenantId: string,
    scope: Record<string, string | undefined>,
    query: ListQuery,
  ): EntitySelect<TenantEntity> {
    const select = this.scoped(set, tenantId, scope);
    if (query.filter) {
      select.where(
        filterSql(query.filter, new PropertyConditions(set, select)),
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
    const select = this.store.select(set.entity);
    return select.where(
      `${select.column('tenantId')} = ${select.bind('tenantId', tenantId)}`,
    );
  }

  private async present(
    set: AnySet,
    tenantId: string,
    entities: readonly TenantEntity[],
    query: ShapeQuery,
  ): Promise<GraphObject[]> {
    const expansions = await Promise.all(
      query.expand.map(async (item) => ({
        item,
        navigation: set.navigation[item.navigation],
        related: await this.related(
          tenantId,
          set.navigation[item.navigation],
          entities,
        ),
      })),
    );
    return entities.map((entity) => {
      const graph = selected(set.present(entity), query.select);
      for (const { item, navigation, related } of expansions) {
        graph[item.navigation] = expandedValue(
          navigation,
          item,
          related.get(valueOf(entity, navigation.sourceProperty) as string),
        );
      }
      return graph;
    });
  }

  /** The target entities of a navigation property for a page, by their key. */
  private async related(
    tenantId: string,
    navigation: ODataNavigationProperty,
    entities: readonly TenantEntity[],
  ): Promise<Map<string, TenantEntity>> {
    const target = ENTITY_SETS.target(navigation);
    const targetProperty = navigation.targetProperty ?? 'id';
    const keys = [
      ...new Set(
        entities
          .map((entity) => valueOf(entity, navigation.sourceProperty))
          .filter((key): key is string => typeof key === 'string'),
      ),
    ];
    if (keys.length === 0) {
      return new Map();
    }
    const select = this.tenantSelect(target, tenantId);
    const rows = await select
      .where(
        `${select.column(targetProperty)} IN (${keys.map((key) => select.bind(targetProperty, key)).join(', ')})`,
      )
      .entities();
    return new Map(
      rows.map((row) => [valueOf(row, targetProperty) as string, row]),
    );
  }
}

/** Entity sets are generic in their entity; the reader works on any. */
function asAnySet<T extends TenantEntity>(set: ODataEntitySet<T>): AnySet {
  return set;
}

function valueOf(entity: TenantEntity, property: string): unknown {
  return (entity as unknown as Record<string, unknown>)[property];
}

function expandedValue(
  navigation: ODataNavigationProperty,
  item: ExpandItem,
  related: TenantEntity | undefined,
): GraphObject | null {
  return related
    ? selected(ENTITY_SETS.target(navigation).present(related), item.select)
    : null;
}

function selected(
  graph: GraphObject,
  select: readonly string[] | undefined,
): GraphObject {
  if (!select) {
    return graph;
  }
  return Object.fromEntries(select.map((name) => [name, graph[name]]));
}

/**
 * The `$filter` and `$orderby` property paths of an entity set, on a read of its entity: each
 * path is the column of the entity property the set maps it to.
 */
class PropertyConditions implements SqlConditionContext {
  constructor(
    private readonly set: AnySet,
    private readonly select: EntitySelect<TenantEntity>,
  ) {}

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
