import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../auth/principal.js';
import { EntitySetQueries } from '../../../../graph/odata/entity-set-queries.js';
import {
  type EntityPage,
  EntitySetReader,
} from '../../../../graph/odata/entity-set-reader.js';
import type { ListQuery } from '../../../../graph/odata/list-query.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import { AUDIT_EVENTS } from './audit-events.entity-set.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import { RoleAssignmentRequestNotFoundError } from '../role-assignment-request.errors.js';
import { ROLE_ASSIGNMENT_REQUESTS } from './role-assignment-requests.entity-set.js';
import { RoleAssignmentRequestsService } from '../role-assignment-requests.service.js';

/** The OData reads of requests and of their audit events, through the shared entity-set reader. */
@Injectable()
export class RoleAssignmentRequestQueries extends EntitySetQueries<RoleAssignmentRequestEntity> {
  constructor(
    reader: EntitySetReader,
    private readonly requests: RoleAssignmentRequestsService,
  ) {
    super(
      reader,
      ROLE_ASSIGNMENT_REQUESTS,
      () => new RoleAssignmentRequestNotFoundError(),
      RESOURCE_PARENT.queries,
    );
  }

  /**
   * Throws unless the tenant's request of that id is on that resource: the resource's not-found
   * error if the tenant has no such resource, the request's if the resource has no such request,
   * as `GET …/resources/{resourceId}/roleAssignmentRequests/{id}` answers. A request never
   * changes resource, so an action checked by this acts on a request of that resource.
   */
  async requireOnResource(
    caller: Principal,
    resourceId: string,
    id: string,
  ): Promise<void> {
    await this.getOfParent(caller, resourceId, id, {
      select: ['id'],
      expand: [],
    });
  }

  /** A page of a request's audit events, for its administrators. */
  async auditEvents(
    caller: Principal,
    id: string,
    query: ListQuery,
  ): Promise<EntityPage> {
    const requestId = await this.requests.auditReadableBy(caller, id);
    return this.reader.list(AUDIT_EVENTS, caller.tenantId, query, {
      requestId,
    });
  }
}
