import type { Principal } from '../../auth/principal.js';
import type { DomainError } from '../../errors/domain-error.js';
import { NavigationTargetNotFoundError } from '../graph-errors.js';
import type { EntityPage, EntitySetReader } from './entity-set-reader.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import type { ExpandItem, ListQuery, ShapeQuery } from './list-query.js';

const ID_ONLY: ShapeQuery = { select: ['id'], expand: [] };

/** The entity set an entity belongs to, as `/resources/{id}/roleDefinitions` lists them. */
export interface ParentEntitySet<T extends TenantEntity> {
  readonly set: ODataEntitySet;
  /** The property of the child naming its parent's id. */
  readonly property: keyof T & string;
  readonly notFound: () => DomainError;
}

/**
 * The reads of one entity set within the caller's tenant: a page or its count, one entity, the
 * entity a navigation path leads to, and the page or count of one parent's entities. A feature module's service extends it and adds its own rules.
 */
export class EntitySetQueries<T extends TenantEntity> {
  constructor(
    protected readonly reader: EntitySetReader,
    private readonly set: ODataEntitySet<T>,
    private readonly notFound: () => DomainError,
    private readonly parent?: ParentEntitySet<T>,
  ) {}

  list(caller: Principal, query: ListQuery): Promise<EntityPage> {
    return this.reader.list(this.set, caller, query);
  }

  get(caller: Principal, id: string, query: ShapeQuery): Promise<object> {
    return this.reader.get(this.set, caller, id, query, this.notFound);
  }

  /** How many of the tenant's entities the query's `$filter` matches. */
  count(caller: Principal, query: Pick<ListQuery, 'filter'>): Promise<number> {
    return this.reader.count(this.set, caller, query);
  }

  /**
   * The entity a navigation path leads to from one of the set's (`roleDefinition/resource`),
   * read with it in one `$expand` of the whole path, within the caller's tenant: the set's
   * not-found error for an unknown id, NavigationTargetNotFoundError at the step that leads
   * nowhere.
   */
  async navigate(
    caller: Principal,
    id: string,
    path: readonly string[],
  ): Promise<object> {
    const source = await this.get(caller, id, {
      ...ID_ONLY,
      expand: [expansionAlong(path)],
    });
    return relatedAlong(this.set, source, path);
  }

  /** The entities of one parent; the parent's not-found error if the tenant has no such parent. */
  async listOfParent(
    caller: Principal,
    parentId: string,
    query: ListQuery,
  ): Promise<EntityPage> {
    return this.reader.list(
      this.set,
      caller,
      query,
      await this.parentScope(caller, parentId),
    );
  }

  /**
   * How many of one parent's entities the query's `$filter` matches; the parent's not-found
   * error if the tenant has no such parent.
   */
  async countOfParent(
    caller: Principal,
    parentId: string,
    query: Pick<ListQuery, 'filter'>,
  ): Promise<number> {
    return this.reader.count(
      this.set,
      caller,
      query,
      await this.parentScope(caller, parentId),
    );
  }

  /**
   * One entity of one parent: the parent's not-found error if the tenant has no such parent,
   * the entity's if the parent has no such entity (another parent's is not shown).
   */
  async getOfParent(
    caller: Principal,
    parentId: string,
    id: string,
    query: ShapeQuery,
  ): Promise<object> {
    return this.reader.get(
      this.set,
      caller,
      id,
      query,
      this.notFound,
      await this.parentScope(caller, parentId),
    );
  }

  /** The condition of being the parent's: its id, once the tenant is known to have it. */
  private async parentScope(
    caller: Principal,
    parentId: string,
  ): Promise<Partial<Record<keyof T & string, string>>> {
    if (!this.parent) {
      throw new Error(`${this.set.name} has no parent entity set`);
    }
    const parent = (await this.reader.get(
      this.parent.set,
      caller.tenantId,
      parentId,
      ID_ONLY,
      this.parent.notFound,
    )) as { id: string };
    return { [this.parent.property]: parent.id } as Partial<
      Record<keyof T & string, string>
    >;
  }
}

/**
 * The `$expand` reading a navigation path from its source: each step expanded inside the one
 * before, ids only on the way, every property of the last.
 */
function expansionAlong([navigation, ...rest]: readonly string[]): ExpandItem {
  return rest.length === 0
    ? { navigation }
    : { navigation, select: ['id'], expand: [expansionAlong(rest)] };
}

/** The entity at the end of a path, in `entity` expanded along it (`expansionAlong`). */
function relatedAlong(
  set: ODataEntitySet,
  entity: object,
  [navigation, ...rest]: readonly string[],
): object {
  const related = (entity as Record<string, object | null>)[navigation];
  if (!related) {
    throw new NavigationTargetNotFoundError(set.typeName, navigation);
  }
  return rest.length === 0
    ? related
    : relatedAlong(
        ENTITY_SETS.target(set.navigation[navigation]),
        related,
        rest,
      );
}
