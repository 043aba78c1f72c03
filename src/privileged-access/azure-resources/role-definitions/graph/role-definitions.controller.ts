import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import { RoleDefinitionNotFoundError } from '../role-definition.errors.js';
import { ROLE_DEFINITIONS } from './role-definitions.entity-set.js';
import { RoleDefinitionQueries } from './role-definition.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../resources/graph/resource.graph-errors.js';
import './role-definition.graph-errors.js';

@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleDefinition')
export class RoleDefinitionsController extends EntitySetRoutes(
  ROLE_DEFINITIONS,
  {
    permissions: READ_AZURE_RESOURCES,
    notFound: new RoleDefinitionNotFoundError(),
    parent: RESOURCE_PARENT.route,
  },
) {
  constructor(
    roleDefinitions: RoleDefinitionQueries,
    responses: GraphResponses,
  ) {
    super(roleDefinitions, responses);
  }
}
