import { Injectable } from '@nestjs/common';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../../graph/odata/entity-set-reader.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import type { RoleAssignmentEntity } from '../role-assignment.entity.js';
import { RoleAssignmentNotFoundError } from '../role-assignment.errors.js';
import { ROLE_ASSIGNMENTS } from './role-assignments.entity-set.js';

@Injectable()
export class RoleAssignmentQueries extends EntitySetQueries<RoleAssignmentEntity> {
  constructor(reader: EntitySetReader) {
    super(
      reader,
      ROLE_ASSIGNMENTS,
      () => new RoleAssignmentNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }
}
