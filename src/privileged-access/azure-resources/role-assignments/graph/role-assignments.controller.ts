import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import { RoleAssignmentNotFoundError } from '../role-assignment.errors.js';
import { ROLE_ASSIGNMENTS } from './role-assignments.entity-set.js';
import { RoleAssignmentQueries } from './role-assignment.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../resources/graph/resource.graph-errors.js';
import './role-assignment.graph-errors.js';

/** Read-only over HTTP: the request lifecycle writes assignments. */
@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleAssignment')
export class RoleAssignmentsController extends EntitySetRoutes(
  ROLE_ASSIGNMENTS,
  {
    permissions: READ_AZURE_RESOURCES,
    notFound: new RoleAssignmentNotFoundError(),
    parent: RESOURCE_PARENT.route,
  },
) {
  constructor(
    roleAssignments: RoleAssignmentQueries,
    responses: GraphResponses,
  ) {
    super(roleAssignments, responses);
  }
}
