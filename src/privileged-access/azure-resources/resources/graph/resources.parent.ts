import { ResourceNotFoundError } from '../resource.errors.js';
import { RESOURCES } from './resources.entity-set.js';

/** For entity sets listed per resource (`/resources/{id}/…`): their parent's routes and reads. */
export const RESOURCE_PARENT = {
  route: {
    set: RESOURCES,
    property: 'resourceId',
    notFound: new ResourceNotFoundError(),
  },
  queries: {
    set: RESOURCES,
    property: 'resourceId' as const,
    notFound: () => new ResourceNotFoundError(),
  },
};
