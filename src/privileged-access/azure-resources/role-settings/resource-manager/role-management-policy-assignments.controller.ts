import { Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../../../../http/request-address.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import { ArmScope } from '../../../../resource-manager/arm-request.decorators.js';
import {
  ARM_PAGE_READ,
  type ArmPage,
  ArmResponses,
} from '../../../../resource-manager/arm-responses.js';
import { PIM_API_VERSIONS } from '../../resource-manager/pim-api-versions.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import { RoleSettingNotFoundError } from '../role-setting.errors.js';
import {
  type ArmRoleManagementPolicyAssignment,
  RoleManagementPolicyPresenter,
} from './role-management-policy.presenter.js';
import {
  POLICY_FILTER,
  RoleManagementPolicyQueries,
} from './role-management-policy.queries.js';
// Worded before any of these routes answers.
import './role-setting.arm-errors.js';

/**
 * Role management policy assignments at a scope: each stored role setting of the scope's
 * resource again, as the assignment of its policy to its role, named
 * `{policy name}_{role definition name}`. Read by anyone of the tenant.
 */
@ResourceManagerController('roleManagementPolicyAssignments', PIM_API_VERSIONS)
export class RoleManagementPolicyAssignmentsController {
  constructor(
    private readonly queries: RoleManagementPolicyQueries,
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
  ): Promise<ArmPage<ArmRoleManagementPolicyAssignment>> {
    const filter = parseArmFilter(filterText, POLICY_FILTER);
    const { resource, settings } = await this.queries.list(caller, scope, {
      roleDefinitionId: filter.equals.get('roledefinitionid'),
      after: skipToken,
      limit: ARM_PAGE_READ,
    });
    return this.responses.pageOf(address, settings, async (page) =>
      resource ? this.presenter.assignments(resource, page) : [],
    );
  }

  /** One by its name: its policy's (the setting's id) and its role's, joined by `_`. */
  @Get(':name')
  async get(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @Param('name') name: string,
  ): Promise<ArmRoleManagementPolicyAssignment> {
    const [policyName] = name.split('_');
    const { resource, setting } = await this.queries.one(
      caller,
      scope,
      policyName,
    );
    const [presented] = await this.presenter.assignments(resource, [setting]);
    if (presented.name.toLowerCase() !== name.toLowerCase()) {
      throw new RoleSettingNotFoundError();
    }
    return presented;
  }
}
