import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import { RoleAssignmentRequestNotFoundError } from '../role-assignment-request.errors.js';
import { ROLE_ASSIGNMENT_REQUESTS } from './role-assignment-requests.entity-set.js';
import { RoleAssignmentRequestQueries } from './role-assignment-request.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../resources/graph/resource.graph-errors.js';
import './role-assignment-request.graph-errors.js';

/**
 * The lists of requests. `GET …/roleAssignmentRequests/{id}` is documented with the actions in
 * RoleAssignmentRequestsController (Graph's takes no query options), and reads as these do.
 */
@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleAssignmentRequest')
export class RoleAssignmentRequestListsController extends EntitySetRoutes(
  ROLE_ASSIGNMENT_REQUESTS,
  {
    entityRoute: false,
    permissions: READ_AZURE_RESOURCES,
    notFound: new RoleAssignmentRequestNotFoundError(),
    parent: RESOURCE_PARENT.route,
  },
) {
  constructor(
    queries: RoleAssignmentRequestQueries,
    responses: GraphResponses,
  ) {
    super(queries, responses);
  }
}
