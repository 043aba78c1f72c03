import { ENTITY_SETS } from './entity-set-registry.js';
import { defineEntitySet } from './entity-set.js';

/**
 * Two small entity sets for the OData unit specs: things, with a property of every type (some
 * nullable, one a path into a complex property), two navigations to owners and the collection of
 * their children; owners, with a navigation to their manager.
 */
class OwnerEntity {
  id!: string;
  tenantId!: string;
  name!: string;
  mail!: string;
  managerId!: string | null;
}

class ThingEntity {
  id!: string;
  tenantId!: string;
  displayName!: string;
  ownerId!: string;
  createdAt!: Date;
  enabled!: boolean;
  note!: string | null;
  subStatus!: string;
  expiresAt!: Date | null;
  parentId!: string | null;
  archived!: boolean | null;
  tags!: string[];
  duration!: string | null;
}

export const OWNERS = defineEntitySet({
  name: 'owners',
  typeName: 'owner',
  entity: OwnerEntity,
  type: {
    id: { column: 'id', type: 'guid' },
    name: { column: 'name', type: 'string' },
    mail: { column: 'mail', type: 'string', filterable: false },
  },
  navigation: {
    manager: { target: 'owners', sourceProperty: 'managerId' },
  },
});

export const THINGS = defineEntitySet({
  name: 'things',
  typeName: 'thing',
  entity: ThingEntity,
  type: {
    id: { column: 'id', type: 'guid' },
    displayName: { column: 'displayName', type: 'string' },
    ownerId: { column: 'ownerId', type: 'guid' },
    createdDateTime: { column: 'createdAt', type: 'dateTime' },
    isEnabled: { column: 'enabled', type: 'boolean' },
    note: { column: 'note', type: 'string', nullable: true },
    status: { object: { subStatus: { column: 'subStatus', type: 'string' } } },
    expirationDateTime: {
      column: 'expiresAt',
      type: 'dateTime',
      nullable: true,
    },
    parentId: { column: 'parentId', type: 'guid', nullable: true },
    isArchived: { column: 'archived', type: 'boolean', nullable: true },
    tags: { column: 'tags', type: 'json' },
    lasts: { column: 'duration', type: 'duration', nullable: true },
  },
  navigation: {
    owner: { target: 'owners', sourceProperty: 'ownerId' },
    // Another navigation to the same set, so that $expand can name two.
    creator: { target: 'owners', sourceProperty: 'ownerId' },
  },
  collectionNavigation: {
    children: {
      target: 'things',
      sourceProperty: 'id',
      targetProperty: 'parentId',
    },
  },
});

// As a feature registers its entity sets: `$expand=owner` finds owners by name.
ENTITY_SETS.register([OWNERS, THINGS]);

export const GUID = '0123abcd-89ab-cdef-0123-456789abcdef';
