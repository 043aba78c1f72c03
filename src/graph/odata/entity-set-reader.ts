import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityMetadata,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { normalizeGuid } from '../guid.js';
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

const ALIAS = 'entity';

/**
 * Lists and reads any entity set in SQL: filter, order, page, count, then the expanded entities
 * of the page in one query per navigation property, every query within the caller's tenant.
 * The feature modules share it instead of each writing its own list and get.
 */
@Injectable()
export class EntitySetReader {
  constructor(private readonly dataSource: DataSource) {}

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
   * entity of the tenant (another tenant's included), throws `notFound()`.
   */
  async get<T extends TenantEntity>(
    set: ODataEntitySet<T>,
    tenantId: string,
    id: string,
    query: ShapeQuery,
    notFound: () => Error,
  ): Promise<GraphObject> {
    const key = normalizeGuid(id);
    const found =
      key && (await this.getOf(asAnySet(set), tenantId, key, query));
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
    const conditions = new QueryConditions(this.dataSource, set);
    const base = this.tenantQuery(set, tenantId, conditions);
    for (const [property, value] of Object.entries(scope)) {
      if (value === undefined) {
        continue;
      }
      base.andWhere(
        `${conditions.entityColumn(property)} = ${conditions.bindColumn(property, value)}`,
      );
    }
    if (query.filter) {
      base.andWhere(filterSql(query.filter, conditions));
    }
    const keyset = Keyset.of(
      query.orderBy.length > 0 ? query.orderBy : (set.defaultOrderBy ?? []),
      (property) => set.properties[property].type,
    );
    const page = base.clone();
    if (query.skipToken !== undefined) {
      page.andWhere(
        keyset.afterSql(keyset.valuesOf(query.skipToken), conditions),
      );
    } else if (query.skip > 0) {
      page.offset(query.skip);
    }
    for (const key of keyset.keys) {
      page.addOrderBy(
        conditions.column(key.property),
        key.direction === 'asc' ? 'ASC' : 'DESC',
      );
    }
    page.limit(query.top + 1).setParameters(conditions.parameters);
    base.setParameters(conditions.parameters);
    const [rows, count] = await Promise.all([
      page.getMany(),
      query.count ? base.getCount() : Promise.resolve(undefined),
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
  ): Promise<GraphObject | undefined> {
    const conditions = new QueryConditions(this.dataSource, set);
    const entity = await this.tenantQuery(set, tenantId, conditions)
      .andWhere(
        `${conditions.entityColumn('id')} = ${conditions.bindColumn('id', id)}`,
      )
      .setParameters(conditions.parameters)
      .getOne();
    if (!entity) {
      return undefined;
    }
    const [graph] = await this.present(set, tenantId, [entity], query);
    return graph;
  }

  private tenantQuery(
    set: AnySet,
    tenantId: string,
    conditions: QueryConditions,
  ): SelectQueryBuilder<TenantEntity> {
    return this.dataSource
      .createQueryBuilder(set.entity, ALIAS)
      .where(
        `${conditions.entityColumn('tenantId')} = ${conditions.bindColumn('tenantId', tenantId)}`,
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
    const conditions = new QueryConditions(this.dataSource, target);
    const rows = await this.tenantQuery(target, tenantId, conditions)
      .andWhere(
        `${conditions.entityColumn(targetProperty)} IN (${keys.map((key) => conditions.bindColumn(targetProperty, key)).join(', ')})`,
      )
      .setParameters(conditions.parameters)
      .getMany();
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
 * Column names and bound parameters of one query: names from the entity set's mapping and
 * TypeORM's metadata only, values converted by the driver as it converts the column's values.
 */
class QueryConditions implements SqlConditionContext {
  readonly parameters: ObjectLiteral = {};
  private readonly metadata: EntityMetadata;

  constructor(
    private readonly dataSource: DataSource,
    private readonly set: AnySet,
  ) {
    this.metadata = dataSource.getMetadata(set.entity);
  }

  column(property: string): string {
    return this.entityColumn(this.set.properties[property].column);
  }

  nullable(property: string): boolean {
    return this.set.properties[property].nullable === true;
  }

  bind(property: string, value: unknown): string {
    return this.bindColumn(this.set.properties[property].column, value);
  }

  /** The quoted, qualified column of an entity property. */
  entityColumn(entityProperty: string): string {
    const driver = this.dataSource.driver;
    return `${driver.escape(ALIAS)}.${driver.escape(this.columnOf(entityProperty).databaseName)}`;
  }

  /** Binds a value of an entity property's column and returns its placeholder. */
  bindColumn(entityProperty: string, value: unknown): string {
    const name = `p${Object.keys(this.parameters).length}`;
    const prepared: unknown = this.dataSource.driver.preparePersistentValue(
      value,
      this.columnOf(entityProperty),
    );
    this.parameters[name] = prepared;
    return `:${name}`;
  }

  private columnOf(entityProperty: string) {
    const column = this.metadata.findColumnWithPropertyName(entityProperty);
    if (!column) {
      throw new Error(
        `${this.metadata.name} has no column for ${entityProperty}`,
      );
    }
    return column;
  }
}
