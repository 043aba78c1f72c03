import { Injectable } from '@nestjs/common';
import { Clock } from '../../../../clock/clock.js';
import {
  type ComputedPropertiesSource,
  ComputesPropertiesOf,
  type ReadingCaller,
} from '../../../../graph/odata/computed-properties.js';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import type { ResourceEntity } from '../resource.entity.js';
import { ResourceNotFoundError } from '../resource.errors.js';
import {
  type ResourceAccess,
  ResourcesRepository,
} from '../resources.repository.js';
import {
  type AccessLevel,
  type ComputedResourceValues,
  RESOURCES,
} from './resources.entity-set.js';

const NO_ACCESS: ResourceAccess = {
  active: false,
  eligible: false,
  administers: false,
};

@Injectable()
@ComputesPropertiesOf(RESOURCES.name)
export class ResourceQueries
  extends EntitySetQueries<ResourceEntity>
  implements ComputedPropertiesSource
{
  constructor(
    reader: EntitySetReader,
    private readonly resources: ResourcesRepository,
    private readonly clock: Clock,
  ) {
    super(reader, RESOURCES, () => new ResourceNotFoundError());
  }

  /**
   * The counts of the resources' own role assignments and definitions, and the caller's
   * permissions from its own assignments in effect now (a caller without an object id has none).
   */
  async valuesOf(
    caller: ReadingCaller,
    ids: readonly string[],
    names: readonly string[],
  ): Promise<ReadonlyMap<string, Partial<ComputedResourceValues>>> {
    const subjectId = names.includes('permissions')
      ? caller.objectId
      : undefined;
    const figures = await this.resources.figuresOf(caller.tenantId, ids, {
      roleAssignmentCount: names.includes('roleAssignmentCount'),
      roleDefinitionCount: names.includes('roleDefinitionCount'),
      accessOf: subjectId ? { subjectId, at: this.clock.now() } : undefined,
    });
    return new Map(
      [...figures].map(([id, { access, ...counts }]) => [
        id,
        {
          ...counts,
          ...permissionsOf(access ?? NO_ACCESS),
        },
      ]),
    );
  }
}

/**
 * Graph's `governancePermission` of the caller's access. Administering the resource (an active
 * Owner or User Access Administrator role on it or above) is `AdminReadWrite`; any other
 * assignment of its own, active or eligible, `UserRead`. `AdminRead` is never answered.
 */
function permissionsOf(
  access: ResourceAccess,
): Pick<ComputedResourceValues, 'accessLevel' | 'isActive' | 'isEligible'> {
  const accessLevel: AccessLevel = access.administers
    ? 'AdminReadWrite'
    : access.active || access.eligible
      ? 'UserRead'
      : 'None';
  return {
    accessLevel,
    isActive: access.active,
    isEligible: access.eligible,
  };
}
