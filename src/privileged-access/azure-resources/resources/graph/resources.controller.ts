import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../../graph/odata/graph-responses.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { ResourceNotFoundError } from '../resource.errors.js';
import { RESOURCES } from './resources.entity-set.js';
import { ResourceQueries } from './resource.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import './resource.graph-errors.js';

@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceResource')
export class ResourcesController extends EntitySetRoutes(RESOURCES, {
  permissions: READ_AZURE_RESOURCES,
  notFound: new ResourceNotFoundError(),
}) {
  constructor(resources: ResourceQueries, responses: GraphResponses) {
    super(resources, responses);
  }
}
