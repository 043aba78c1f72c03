import { Controller, HttpCode, Param, Patch } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { RequiredScopes } from '../../../auth/required-scopes.decorator.js';
import { ApiGraphErrors } from '../../../graph/api-graph-errors.decorator.js';
import { GraphBody } from '../../../graph/graph-body.js';
import { EntitySetRoutes } from '../../../graph/odata/entity-set-routes.js';
import { GraphResponses } from '../../../graph/odata/graph-responses.js';
import {
  AZURE_RESOURCES_ROUTE,
  READ_AZURE_RESOURCES,
  WRITE_AZURE_RESOURCES,
} from '../azure-resources.constants.js';
import { UpdateRoleSettingDto } from './dto/update-role-setting.dto.js';
import {
  InvalidRoleSettingError,
  RoleSettingNotFoundError,
} from './role-setting.errors.js';
import { ROLE_SETTINGS } from './role-settings.entity-set.js';
import { RoleSettingsService } from './role-settings.service.js';

@Controller(AZURE_RESOURCES_ROUTE)
@ApiTags('privilegedAccess.governanceRoleSetting')
export class RoleSettingsController extends EntitySetRoutes(ROLE_SETTINGS, {
  collection: 'roleSettings',
  permissions: READ_AZURE_RESOURCES,
  notFound: new RoleSettingNotFoundError(),
}) {
  constructor(
    private readonly roleSettings: RoleSettingsService,
    responses: GraphResponses,
  ) {
    super(roleSettings, responses);
  }

  @Patch('roleSettings/:id')
  @HttpCode(204)
  @RequiredScopes(WRITE_AZURE_RESOURCES)
  @ApiOperation({
    summary: 'Update governanceRoleSetting',
    description:
      'Replaces the rule lists the body names (`adminEligibleSettings`, `adminMemberSettings`, `userEligibleSettings`, `userMemberSettings`); the others stay. Each `setting` must be JSON of its rule: `ExpirationRule {"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}`, `MfaRule {"mfaRequired":true}`, `JustificationRule {"required":true}`, `ApprovalRule {"Enabled":true,"Approvers":[{"Id":"<guid>"}]}`.',
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
  )
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @GraphBody(UpdateRoleSettingDto) body: UpdateRoleSettingDto,
  ): Promise<void> {
    return this.roleSettings.update(caller, id, body);
  }
}
