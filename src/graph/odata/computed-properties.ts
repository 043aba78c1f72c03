import { DiscoveryService } from '@nestjs/core';
import type { EntitySetName } from './entity-set.js';

/**
 * Who reads an entity set: the tenant whose entities are read, and the caller's object id (the
 * user's, or the service principal's), for the computed properties that describe the caller's
 * own access. A read by tenant alone has no object id: such properties say it has no access.
 */
export interface ReadingCaller {
  readonly tenantId: string;
  readonly objectId?: string;
}

/**
 * Computes an entity set's computed properties (`ComputedProperties` of entity-set.ts) for the
 * entities of a page: a provider of the module that owns the set, marked
 * `@ComputesPropertiesOf(<set name>)`, which the entity-set reader finds.
 */
export interface ComputedPropertiesSource {
  /**
   * The values, by entity id, of the named properties (those `$select` names) of the caller's
   * tenant's entities with these ids: an object of the shape the set's `computed` declares,
   * read in a query or two for the whole page, never one per entity.
   */
  valuesOf(
    caller: ReadingCaller,
    ids: readonly string[],
    names: readonly string[],
  ): Promise<ReadonlyMap<string, object>>;
}

/** Marks the provider that computes the computed properties of the named entity set. */
export const ComputesPropertiesOf =
  DiscoveryService.createDecorator<EntitySetName>();
