import { Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { ArmBody } from '../../../../resource-manager/arm-body.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import {
  ArmScope,
  CurrentArmRequestIds,
} from '../../../../resource-manager/arm-request.decorators.js';
import type { ArmRequestIds } from '../../../../resource-manager/arm-request-ids.js';
import {
  ARM_PAGE_READ,
  type ArmPage,
  ArmResponses,
} from '../../../../resource-manager/arm-responses.js';
import { PIM_API_VERSIONS } from '../../resource-manager/pim-api-versions.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import { ArmIds } from '../../resource-manager/arm-ids.js';
import { RoleSettingNotFoundError } from '../role-setting.errors.js';
import { RoleSettingsService } from '../role-settings.service.js';
import { PatchRoleManagementPolicyDto } from './dto/patch-role-management-policy.dto.js';
import { policyEditOf } from './role-management-policy.mapping.js';
import {
  type ArmRoleManagementPolicy,
  RoleManagementPolicyPresenter,
} from './role-management-policy.presenter.js';
import {
  POLICY_FILTER,
  RoleManagementPolicyQueries,
} from './role-management-policy.queries.js';
// Worded before any of these routes answers.
import './role-setting.arm-errors.js';

/**
 * Role management policies at a scope: the stored role settings of the scope's resource, one a
 * role, named by the setting's id. Read by anyone of the tenant; changed (`PATCH` of rules)
 * through the same domain service as Graph's `PATCH …/roleSettings/{id}`.
 */
@ResourceManagerController('roleManagementPolicies', PIM_API_VERSIONS)
export class RoleManagementPoliciesController {
  constructor(
    private readonly queries: RoleManagementPolicyQueries,
    private readonly roleSettings: RoleSettingsService,
    private readonly armIds: ArmIds,
    private readonly presenter: RoleManagementPolicyPresenter,
    private readonly responses: ArmResponses,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @CurrentRequestAddress() address: RequestAddress,
    @Query('$filter') filterText?: string,
    @Query('$skiptoken') skipToken?: string,
  ): Promise<ArmPage<ArmRoleManagementPolicy>> {
    const filter = parseArmFilter(filterText, POLICY_FILTER);
    const { resource, settings } = await this.queries.list(caller, scope, {
      roleDefinitionId: filter.equals.get('roledefinitionid'),
      after: skipToken,
      limit: ARM_PAGE_READ,
    });
    return this.responses.pageOf(address, settings, async (page) =>
      resource ? this.presenter.policies(resource, page) : [],
    );
  }

  @Get(':name')
  async get(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @Param('name') name: string,
  ): Promise<ArmRoleManagementPolicy> {
    const { resource, setting } = await this.queries.one(caller, scope, name);
    const [presented] = await this.presenter.policies(resource, [setting]);
    return presented;
  }

  /**
   * Sets the rules the body names and answers the policy (200, as the Azure SDK expects); the
   * rules it does not name stay.
   */
  @Patch(':name')
  @HttpCode(200)
  async update(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @Param('name') name: string,
    @ArmBody(PatchRoleManagementPolicyDto) body: PatchRoleManagementPolicyDto,
    @CurrentArmRequestIds() ids: ArmRequestIds,
  ): Promise<ArmRoleManagementPolicy> {
    const edit = policyEditOf(body.properties);
    const resource = await this.armIds.resourceAt(caller.tenantId, scope);
    if (!resource) {
      throw new RoleSettingNotFoundError();
    }
    const changed = await this.roleSettings.edit(
      caller,
      name,
      edit,
      ids,
      (setting) => setting.resourceId === resource.id,
    );
    const [presented] = await this.presenter.policies(resource, [changed]);
    return presented;
  }
}
