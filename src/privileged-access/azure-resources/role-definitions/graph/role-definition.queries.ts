import { Injectable } from '@nestjs/common';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import type { RoleDefinitionEntity } from '../role-definition.entity.js';
import { RoleDefinitionNotFoundError } from '../role-definition.errors.js';
import { ROLE_DEFINITIONS } from './role-definitions.entity-set.js';

@Injectable()
export class RoleDefinitionQueries extends EntitySetQueries<RoleDefinitionEntity> {
  constructor(reader: EntitySetReader) {
    super(
      reader,
      ROLE_DEFINITIONS,
      () => new RoleDefinitionNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }
}
