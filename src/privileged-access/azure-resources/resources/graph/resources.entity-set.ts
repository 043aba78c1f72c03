import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { RESOURCE_STATUSES, ResourceEntity } from '../resource.entity.js';

/** `governanceResources`: what lists, filters and expands them. */
export const RESOURCES: ODataEntitySet<ResourceEntity> = defineEntitySet({
  name: 'governanceResources',
  typeName: 'governanceResource',
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
  navigation: {
    parent: { target: 'governanceResources', sourceProperty: 'parentId' },
  },
});
