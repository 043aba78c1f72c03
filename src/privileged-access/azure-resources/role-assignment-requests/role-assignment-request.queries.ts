import { Injectable } from '@nestjs/common';
import { EntitySetQueries } from '../../../graph/odata/entity-set-queries.js';
import { EntitySetReader } from '../../../graph/odata/entity-set-reader.js';
import { RESOURCE_PARENT } from '../resources/resources.parent.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RoleAssignmentRequestNotFoundError } from './role-assignment-request.errors.js';
import { ROLE_ASSIGNMENT_REQUESTS } from './role-assignment-requests.entity-set.js';

/** The OData reads of requests: the lists, through the shared entity-set reader. */
@Injectable()
export class RoleAssignmentRequestQueries extends EntitySetQueries<RoleAssignmentRequestEntity> {
  constructor(reader: EntitySetReader) {
    super(
      reader,
      ROLE_ASSIGNMENT_REQUESTS,
      () => new RoleAssignmentRequestNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }
}
