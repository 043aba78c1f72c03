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
 * (`privilegedAccess/azureResources/roleDefinitions`…), which their own sets serve. Not stored:
 * its one entity is this service's provider.
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
    // Each provider's collections, as Graph's metadata declares them.
    contains: {
      resources: 'governanceResources',
      roleAssignmentRequests: 'governanceRoleAssignmentRequests',
      roleAssignments: 'governanceRoleAssignments',
      roleDefinitions: 'governanceRoleDefinitions',
      roleSettings: 'governanceRoleSettings',
    },
  });
