import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { AZURE_RESOURCES_PROVIDER } from '../../graph/azure-resources.constants.js';
import { RESOURCE_STATUSES, ResourceEntity } from '../resource.entity.js';

/** Graph's access levels of a caller on a resource (`governancePermission.accessLevel`). */
export const ACCESS_LEVELS = [
  'None',
  'UserRead',
  'AdminRead',
  'AdminReadWrite',
] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The values of a resource's computed properties, for one caller (resource.queries.ts). */
export interface ComputedResourceValues {
  readonly roleAssignmentCount: number;
  readonly roleDefinitionCount: number;
  readonly accessLevel: AccessLevel;
  readonly isActive: boolean;
  readonly isEligible: boolean;
}

/** `governanceResources`: what lists, filters and expands them. */
export const RESOURCES: ODataEntitySet<ResourceEntity> = defineEntitySet<
  ResourceEntity,
  ComputedResourceValues
>({
  name: 'governanceResources',
  typeName: 'governanceResource',
  containedIn: { provider: AZURE_RESOURCES_PROVIDER, collection: 'resources' },
  entity: ResourceEntity,
  type: {
    id: { column: 'id', type: 'guid' },
    externalId: {
      column: 'externalId',
      type: 'string',
      schema: {
        example:
          '/subscriptions/e5e7d29d-5465-45ac-885f-4716a5ee74b5/resourceGroups/rg-web',
      },
    },
    type: {
      column: 'type',
      type: 'string',
      schema: { example: 'resourcegroup' },
    },
    displayName: { column: 'displayName', type: 'string' },
    status: {
      column: 'status',
      type: 'string',
      schema: { enum: [...RESOURCE_STATUSES] },
    },
    registeredDateTime: {
      column: 'registeredDateTime',
      type: 'dateTime',
      nullable: true,
    },
    registeredRoot: {
      column: 'registeredRoot',
      type: 'string',
      nullable: true,
    },
  },
  // Graph computes them only when `$select` names them, as its governanceResource page says.
  computed: {
    roleAssignmentCount: {
      column: 'roleAssignmentCount',
      type: 'integer',
      schema: {
        description:
          'How many role assignments the resource has: only with `$select=roleAssignmentCount`.',
      },
    },
    roleDefinitionCount: {
      column: 'roleDefinitionCount',
      type: 'integer',
      schema: {
        description:
          'How many role definitions the resource has: only with `$select=roleDefinitionCount`.',
      },
    },
    permissions: {
      named: {
        name: 'microsoft.graph.governancePermission',
        description:
          'The caller’s own access to the resource, from its role assignments: only with `$select=permissions`.',
      },
      object: {
        accessLevel: {
          column: 'accessLevel',
          type: 'string',
          schema: { enum: [...ACCESS_LEVELS] },
        },
        isActive: { column: 'isActive', type: 'boolean' },
        isEligible: { column: 'isEligible', type: 'boolean' },
      },
    },
  },
  navigation: {
    parent: { target: 'governanceResources', sourceProperty: 'parentId' },
  },
  // Contained in the resource, as Graph declares them: each lists the resource's own.
  collectionNavigation: {
    roleAssignmentRequests: ownedBy('governanceRoleAssignmentRequests'),
    roleAssignments: ownedBy('governanceRoleAssignments'),
    roleDefinitions: ownedBy('governanceRoleDefinitions'),
    roleSettings: ownedBy('governanceRoleSettings'),
  },
  actions: [
    // Graph declares no return type: the service answers the resource all the same.
    {
      name: 'register',
      boundTo: 'collection',
      parameters: [{ name: 'externalId', type: 'string' }],
    },
  ],
});

/** The entities of a set that belong to a resource: those whose `resourceId` is its id. */
function ownedBy(target: string) {
  return {
    target,
    sourceProperty: 'id',
    targetProperty: 'resourceId',
  } as const;
}
