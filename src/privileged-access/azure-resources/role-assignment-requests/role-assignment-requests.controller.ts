import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { RequiredScopes } from '../../../auth/required-scopes.decorator.js';
import { NoRequestBody } from '../../../graph/no-request-body.js';
import { GraphEntity } from '../../../graph/odata/context.js';
import { CurrentRequestIds } from '../../../graph/request-ids.decorator.js';
import type { RequestIds } from '../../../graph/request-ids.js';
import {
  AZURE_RESOURCES_ROUTE,
  READ_AZURE_RESOURCES,
  WRITE_AZURE_RESOURCES,
} from '../azure-resources.constants.js';
import {
  type GraphRoleAssignmentRequest,
  toGraphRoleAssignmentRequest,
} from './role-assignment-request.presenter.js';
import { RoleAssignmentRequestsService } from './role-assignment-requests.service.js';

@Controller(`${AZURE_RESOURCES_ROUTE}/roleAssignmentRequests`)
export class RoleAssignmentRequestsController {
  constructor(private readonly service: RoleAssignmentRequestsService) {}

  @Get(':id')
  @RequiredScopes(READ_AZURE_RESOURCES)
  @GraphEntity('governanceRoleAssignmentRequests')
  async get(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
  ): Promise<GraphRoleAssignmentRequest> {
    return toGraphRoleAssignmentRequest(await this.service.get(caller, id));
  }

  @Post(':id/cancel')
  @HttpCode(204)
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @NoRequestBody()
  cancel(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    return this.service.cancel(caller, id, httpRequest);
  }
}
