import { Controller, HttpCode, Param, Patch } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { NotPermittedError } from '../../../../errors/not-permitted.error.js';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import { RequiredScopes } from '../../../../auth/required-scopes.decorator.js';
import { ApiGraphErrors } from '../../../../graph/api-graph-errors.decorator.js';
import { GraphBody } from '../../../../graph/graph-body.js';
import {
  below,
  collectionPaths,
} from '../../../../graph/odata/collection-paths.js';
import { EntitySetRoutes } from '../../../../graph/odata/entity-set-routes.js';
import {
  type GraphCollectionBody,
  GraphResponses,
} from '../../../../graph/odata/graph-responses.js';
import type { ListQuery } from '../../../../graph/odata/list-query.js';
import {
  ListQueryOf,
  ListRoute,
} from '../../../../graph/odata/odata-routes.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { CurrentRequestIds } from '../../../../graph/request-ids.decorator.js';
import type { RequestIds } from '../../../../values/request-ids.js';
import {
  GRAPH_BETA_ROUTE,
  READ_AZURE_RESOURCES,
  WRITE_AZURE_RESOURCES,
} from '../../graph/azure-resources.constants.js';
import { UpdateRoleSettingDto } from './dto/update-role-setting.dto.js';
import {
  InvalidRoleSettingError,
  RoleSettingNotFoundError,
} from '../role-setting.errors.js';
import { ROLE_SETTING_AUDIT_EVENTS } from './role-setting-audit-events.entity-set.js';
import { ROLE_SETTINGS } from './role-settings.entity-set.js';
import { RESOURCE_PARENT } from '../../resources/graph/resources.parent.js';
import { RoleSettingQueries } from './role-setting.queries.js';
import { RoleSettingsService } from '../role-settings.service.js';
// The Graph wording of the domain errors it documents, registered before its decorators run.
import '../../../../graph/shared-domain-errors.graph-errors.js';
import '../../resources/graph/resource.graph-errors.js';
import './role-setting.graph-errors.js';

const NOT_AN_ADMINISTRATOR = {
  error: new NotPermittedError(),
  summary: "the caller does not administer the setting's resource",
};

/** Where one setting answers: below the top-level set and the provider's collection. */
const ONE_SETTING = below(collectionPaths(ROLE_SETTINGS), ':id');

@Controller(GRAPH_BETA_ROUTE)
@ApiTags('privilegedAccess.governanceRoleSetting')
export class RoleSettingsController extends EntitySetRoutes(ROLE_SETTINGS, {
  permissions: READ_AZURE_RESOURCES,
  notFound: new RoleSettingNotFoundError(),
  parent: RESOURCE_PARENT.route,
}) {
  constructor(
    private readonly queries: RoleSettingQueries,
    private readonly roleSettings: RoleSettingsService,
    private readonly graphResponses: GraphResponses,
  ) {
    super(queries, graphResponses);
  }

  @Patch(ONE_SETTING)
  @HttpCode(204)
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'Update governanceRoleSetting',
    description:
      'Replaces the rule lists the body names (`adminEligibleSettings`, `adminMemberSettings`, `userEligibleSettings`, `userMemberSettings`); the others stay. Each `setting` must be JSON of its rule: `ExpirationRule {"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}`, `MfaRule {"mfaRequired":true}`, `JustificationRule {"required":true}`, `ApprovalRule {"Enabled":true,"Approvers":[{"Id":"<guid>"}]}`. Only those who administer the setting\'s resource may: applications with the permission, Privileged Role and Global Administrators, and users with an active (not merely eligible) Owner or User Access Administrator assignment on that resource; anyone else gets 403 and nothing changes. Every change is recorded (`GET …/roleSettings/{id}/auditEvents`).',
  })
  @ApiBody({ type: UpdateRoleSettingDto })
  @ApiNoContentResponse({ description: 'Updated. No response body.' })
  @ApiGraphErrors(
    { error: new RoleSettingNotFoundError() },
    {
      error: new InvalidRoleSettingError([
        'adminMemberSettings[0].setting: is not valid JSON',
      ]),
    },
    NOT_AN_ADMINISTRATOR,
  )
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @GraphBody(UpdateRoleSettingDto) body: UpdateRoleSettingDto,
    @CurrentRequestIds() httpRequest: RequestIds,
  ): Promise<void> {
    return this.roleSettings.update(caller, id, body, httpRequest);
  }

  @ListRoute(ROLE_SETTING_AUDIT_EVENTS, {
    path: below(ONE_SETTING, 'auditEvents'),
    summary: 'List the audit events of a governanceRoleSetting (extension)',
    description:
      'Not a Graph API: an extension of this service. Every change of the setting through `PATCH` in the order it happened: who, when, the request-id of the call, and the four rule lists before and after. For those who may change the setting: applications with the permission (Read is enough), Privileged Role and Global Administrators, and the active Owners and User Access Administrators of its resource. With `$filter`, `$orderby`, `$top`, `$skip`, `$count` and `$select`.',
  })
  @RequiredScopes(READ_AZURE_RESOURCES)
  @ApiGraphErrors(
    { error: new RoleSettingNotFoundError() },
    NOT_AN_ADMINISTRATOR,
  )
  async auditEvents(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @ListQueryOf(ROLE_SETTING_AUDIT_EVENTS) query: ListQuery,
    @CurrentRequestAddress() address: RequestAddress,
  ): Promise<GraphCollectionBody> {
    return this.graphResponses.collection(
      address,
      ROLE_SETTING_AUDIT_EVENTS.name,
      await this.queries.auditEvents(caller, id, query),
    );
  }
}
