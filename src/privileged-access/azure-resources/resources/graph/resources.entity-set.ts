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
  graphProperties: [
    'id',
    'externalId',
    'type',
    'displayName',
    'status',
    'registeredDateTime',
    'registeredRoot',
  ],
  properties: {
    id: { column: 'id', type: 'guid' },
    externalId: { column: 'externalId', type: 'string' },
    type: { column: 'type', type: 'string' },
    displayName: { column: 'displayName', type: 'string' },
    status: { column: 'status', type: 'string' },
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
  present: (resource) => ({
    id: resource.id,
    externalId: resource.externalId,
    type: resource.type,
    displayName: resource.displayName,
    status: resource.status,
    registeredDateTime: resource.registeredDateTime?.toISOString() ?? null,
    registeredRoot: resource.registeredRoot,
  }),
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      externalId: {
        type: 'string',
        example:
          '/subscriptions/e5e7d29d-5465-45ac-885f-4716a5ee74b5/resourceGroups/rg-web',
      },
      type: { type: 'string', example: 'resourcegroup' },
      displayName: { type: 'string' },
      status: { type: 'string', enum: [...RESOURCE_STATUSES] },
      registeredDateTime: { type: ['string', 'null'], format: 'date-time' },
      registeredRoot: { type: ['string', 'null'] },
    },
  },
});
