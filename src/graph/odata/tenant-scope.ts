import type { EntitySelect } from '../../entity-store/entity-store.js';

/** What a read's conditions are written with: an entity's read, or a read inside its conditions. */
interface ConditionsOf extends Pick<EntitySelect<object>, 'column' | 'bind'> {
  where(condition: string): unknown;
}

/**
 * Keeps a read to one tenant's rows. The one place that decides which entities the OData reader
 * sees: its reads, their expansions and the reads inside their `$filter` all go through it, so
 * another tenant's entity is never listed, read, expanded or matched.
 */
export function withinTenant<R extends ConditionsOf>(
  read: R,
  tenantId: string,
): R {
  read.where(`${read.column('tenantId')} = ${read.bind('tenantId', tenantId)}`);
  return read;
}
