import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import type { PrivilegedAccessProvider } from '../provider.js';

/** A provider as the entity set presents it: the same for every tenant, shown in the caller's. */
export class ProviderEntity implements PrivilegedAccessProvider {
  id!: string;
  tenantId!: string;
  displayName!: string;
}

/**
 * `privilegedAccess`: the providers of PIM, each containing its collections
 * (`privilegedAccess/azureResources/roleDefinitions`…), which their own sets serve and declare
 * (`containedIn`). Not stored: its one entity is this service's provider.
 */
export const PRIVILEGED_ACCESS: ODataEntitySet<ProviderEntity> =
  defineEntitySet({
    name: 'privilegedAccess',
    typeName: 'privilegedAccess',
    entity: ProviderEntity,
    type: {
      id: { column: 'id', type: 'string' },
      displayName: { column: 'displayName', type: 'string' },
    },
    navigation: {},
  });
