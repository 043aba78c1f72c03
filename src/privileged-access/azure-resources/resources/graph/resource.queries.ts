import { Injectable } from '@nestjs/common';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import type { ResourceEntity } from '../resource.entity.js';
import { ResourceNotFoundError } from '../resource.errors.js';
import { RESOURCES } from './resources.entity-set.js';

@Injectable()
export class ResourceQueries extends EntitySetQueries<ResourceEntity> {
  constructor(reader: EntitySetReader) {
    super(reader, RESOURCES, () => new ResourceNotFoundError());
  }
}
