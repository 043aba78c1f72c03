import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import { RequiredScopes } from '../../../../auth/required-scopes.decorator.js';
import { ApiGraphErrors } from '../../../../graph/api-graph-errors.decorator.js';
import {
  type GraphCollectionBody,
  GraphResponses,
} from '../../../../graph/odata/graph-responses.js';
import type { ShapeQuery } from '../../../../graph/odata/list-query.js';
import {
  EntityRoute,
  ListRoute,
  ShapeQueryOf,
} from '../../../../graph/odata/odata-routes.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { ProviderNotFoundError } from '../provider.errors.js';
import { PRIVILEGED_ACCESS } from './privileged-access.entity-set.js';
import { PrivilegedAccessQueries } from './privileged-access.queries.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import './provider.graph-errors.js';

@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.privilegedAccess')
export class PrivilegedAccessController {
  constructor(
    private readonly providers: PrivilegedAccessQueries,
    private readonly responses: GraphResponses,
  ) {}

  @ListRoute(PRIVILEGED_ACCESS, {
    path: PRIVILEGED_ACCESS.name,
    summary: 'List privilegedAccess',
    description:
      'The providers of PIM this service serves: `azureResources`, with `$select`.',
    queryOptions: ['select'],
  })
  @RequiredScopes(READ_AZURE_RESOURCES)
  list(
    @CurrentPrincipal() caller: Principal,
    @ShapeQueryOf(PRIVILEGED_ACCESS) query: ShapeQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): GraphCollectionBody {
    return this.responses.collection(
      address,
      PRIVILEGED_ACCESS.name,
      this.providers.list(caller, query),
    );
  }

  @EntityRoute(PRIVILEGED_ACCESS, {
    path: `${PRIVILEGED_ACCESS.name}/:id`,
    summary: 'Get privilegedAccess',
    description:
      'One provider of PIM: `azureResources`, with `$select`; any other is not found.',
    queryOptions: ['select'],
  })
  @RequiredScopes(READ_AZURE_RESOURCES)
  @ApiGraphErrors({ error: new ProviderNotFoundError('aadroles') })
  get(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @ShapeQueryOf(PRIVILEGED_ACCESS) query: ShapeQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): object {
    return this.responses.entity(
      address,
      PRIVILEGED_ACCESS.name,
      this.providers.get(caller, id, query),
    );
  }
}
