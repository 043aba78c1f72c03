import type { Principal } from '../../auth/principal.js';
import type { DomainError } from '../../errors/domain-error.js';
import type { EntityPage, EntitySetReader } from './entity-set-reader.js';
import type { ODataEntitySet, TenantEntity } from './entity-set.js';
import type { ListQuery, ShapeQuery } from './list-query.js';

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
    return this.reader.list(this.set, caller.tenantId, query);
  }

  get(caller: Principal, id: string, query: ShapeQuery): Promise<object> {
    return this.reader.get(this.set, caller.tenantId, id, query, this.notFound);
  }

  /** The entities of one parent; the parent's not-found error if the tenant has no such parent. */
  async listOfParent(
    caller: Principal,
    parentId: string,
    query: ListQuery,
  ): Promise<EntityPage> {
    return this.reader.list(
      this.set,
      caller.tenantId,
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
      caller.tenantId,
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
      { select: ['id'], expand: [] },
      this.parent.notFound,
    )) as { id: string };
    return { [this.parent.property]: parent.id } as Partial<
      Record<keyof T & string, string>
    >;
  }
}
