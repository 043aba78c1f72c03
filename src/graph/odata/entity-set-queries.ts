import type { Principal } from '../../auth/principal.js';
import type { DomainError } from '../../errors/domain-error.js';
import { NavigationTargetNotFoundError } from '../graph-errors.js';
import type { EntityPage, EntitySetReader } from './entity-set-reader.js';
import { ENTITY_SETS } from './entity-set-registry.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import type { ListQuery, ShapeQuery } from './list-query.js';

const ID_ONLY: ShapeQuery = { select: ['id'], expand: [] };

/** The entity set an entity belongs to, as `/resources/{id}/roleDefinitions` lists them. */
export interface ParentEntitySet<T extends TenantEntity> {
  readonly set: ODataEntitySet;
  /** The property of the child naming its parent's id. */
  readonly property: keyof T & string;
  readonly notFound: () => DomainError;
}

/**
 * The reads of one entity set within the caller's tenant: a page, one entity, and the page of
 * one parent's entities. A feature module's service extends it and adds its own rules.
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

  /**
   * The entity a navigation path leads to from one of the set's (`roleDefinition/resource`),
   * each step read as `$expand` reads it, within the caller's tenant: the set's not-found error
   * for an unknown id, NavigationTargetNotFoundError at the step that leads nowhere.
   */
  async navigate(
    caller: Principal,
    id: string,
    path: readonly string[],
  ): Promise<object> {
    let source: ODataEntitySet = this.set;
    let read = (query: ShapeQuery) => this.get(caller, id, query);
    let related: object | null = null;
    for (const navigation of path) {
      const from = source;
      const expanded = (await read({
        ...ID_ONLY,
        expand: [{ navigation }],
      })) as Record<string, object | null>;
      related = expanded[navigation];
      if (!related) {
        throw new NavigationTargetNotFoundError(from.typeName, navigation);
      }
      const target = ENTITY_SETS.target(from.navigation[navigation]);
      const key = (related as { id: string }).id;
      read = (query) =>
        this.reader.get(target, caller, key, query, () => {
          // Read a moment ago: gone since, the path leads nowhere.
          return new NavigationTargetNotFoundError(from.typeName, navigation);
        });
      source = target;
    }
    if (!related) {
      throw new Error('A navigation path has at least one step.');
    }
    return related;
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
