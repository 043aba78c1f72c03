import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  type PermissionRequirement,
  RequiredScopes,
} from '../../../../auth/required-scopes.decorator.js';
import { ApiGraphErrors } from '../../../../graph/api-graph-errors.decorator.js';
import { GraphBody } from '../../../../graph/graph-body.js';
import {
  type GraphEntityBody,
  GraphResponses,
} from '../../../../graph/odata/graph-responses.js';
import {
  ENTITY_QUERY_OPTIONS,
  type ShapeQuery,
} from '../../../../graph/odata/list-query.js';
import { ShapeQueryOf } from '../../../../graph/odata/odata-routes.js';
import {
  below,
  collectionPaths,
} from '../../../../graph/odata/collection-paths.js';
import { ODataQueryOptions } from '../../../../graph/odata/query-options.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import {
  GRAPH_BETA_ROUTE,
  PRIVILEGED_ACCESS_READ_WRITE,
} from '../../graph/azure-resources.constants.js';
import { ResourceNotRegistrableError } from '../resource.errors.js';
import { ResourcesService } from '../resources.service.js';
import { RegisterResourceDto } from './dto/register-resource.dto.js';
import { ResourceQueries } from './resource.queries.js';
import { RESOURCES } from './resources.entity-set.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import './resource.graph-errors.js';

/** Graph documents register for users alone: no application permission allows it. */
const REGISTER_AZURE_RESOURCES: PermissionRequirement = {
  delegated: [PRIVILEGED_ACCESS_READ_WRITE],
  application: [],
};

/** `POST …/resources/register`, Graph's action bound to the governanceResources collection. */
@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceResource')
export class ResourceRegistrationController {
  constructor(
    private readonly resources: ResourcesService,
    private readonly queries: ResourceQueries,
    private readonly responses: GraphResponses,
  ) {}

  @Post(below(collectionPaths(RESOURCES), 'register'))
  @HttpCode(200)
  @ODataQueryOptions(ENTITY_QUERY_OPTIONS)
  @RequiredScopes(REGISTER_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'Register governanceResource',
    description:
      'Register a subscription or a management group in PIM, in your tenant, by its ARM id: a resource your tenant does not have is added (`Active`, registered now, its own `registeredRoot`); one it has unregistered becomes registered now. Registering a registered resource changes nothing and answers it again. Delegated callers only, as Graph documents it. With `$select` and `$expand=parent`.',
  })
  @ApiBody({ type: RegisterResourceDto })
  @ApiOkResponse({
    description: 'The registered governanceResource, with `@odata.context`.',
    schema: {
      allOf: [
        {
          type: 'object',
          properties: { '@odata.context': { type: 'string' } },
        },
        RESOURCES.schema,
      ],
    },
  })
  @ApiGraphErrors({
    error: new ResourceNotRegistrableError('/subscriptions/not-a-guid'),
    summary: 'the externalId names no subscription or management group',
  })
  async register(
    @CurrentPrincipal() caller: Principal,
    @GraphBody(RegisterResourceDto) body: RegisterResourceDto,
    @ShapeQueryOf(RESOURCES) query: ShapeQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphEntityBody<object>> {
    const resource = await this.resources.register(caller, body.externalId);
    return this.responses.entity(
      address,
      RESOURCES.name,
      // As its GET answers it: one read path for both.
      await this.queries.get(caller, resource.id, query),
    );
  }
}
