import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../auth/principal.js';
import { InvalidRequestContentError } from '../../../../resource-manager/arm-errors.js';
import { normalizeGuid } from '../../../../values/guid.js';
import {
  ArmIds,
  roleDefinitionNameOf,
} from '../../resource-manager/arm-ids.js';
import type { ResourceEntity } from '../../resources/resource.entity.js';
import { RoleDefinitionsRepository } from '../../role-definitions/role-definitions.repository.js';
import type { RoleSettingEntity } from '../role-setting.entity.js';
import { RoleSettingNotFoundError } from '../role-setting.errors.js';
import { RoleSettingsRepository } from '../role-settings.repository.js';

/** What a list of policies or policy assignments may be filtered by, as ARM documents it. */
export const POLICY_FILTER = {
  functions: [],
  properties: ['roleDefinitionId'],
} as const;

/** The settings a list at a scope found: those of the scope's resource (none at the root). */
export interface SettingsAtScope {
  readonly resource?: ResourceEntity;
  readonly settings: RoleSettingEntity[];
}

export interface PolicyListQuery {
  /** An ARM role definition id: the setting of that role only, known by the GUID that ends it. */
  readonly roleDefinitionId?: string;
  /** The `$skiptoken` of a page after the first: the id of the last setting before it. */
  readonly after?: string;
  readonly limit: number;
}

/**
 * The reads of role settings as Resource Manager's policies and policy assignments: the
 * settings of the resource at exactly the scope a call addressed (a policy is of its scope).
 * Anyone of the tenant may read them, as anyone may read the settings through Graph; another
 * tenant's do not exist for the caller.
 */
@Injectable()
export class RoleManagementPolicyQueries {
  constructor(
    private readonly armIds: ArmIds,
    private readonly settings: RoleSettingsRepository,
    private readonly roleDefinitions: RoleDefinitionsRepository,
  ) {}

  async list(
    caller: Principal,
    scope: string,
    query: PolicyListQuery,
  ): Promise<SettingsAtScope> {
    const resource = await this.armIds.resourceAt(caller.tenantId, scope);
    if (!resource) {
      return { settings: [] };
    }
    if (query.roleDefinitionId !== undefined) {
      return {
        resource,
        settings: await this.ofRole(resource, query.roleDefinitionId),
      };
    }
    const after =
      query.after === undefined ? undefined : normalizeGuid(query.after);
    if (after === undefined && query.after !== undefined) {
      throw new InvalidRequestContentError(
        'The $skiptoken is not one this service gave: follow nextLink as it is.',
      );
    }
    return {
      resource,
      settings: await this.settings.pageOfResource(
        caller.tenantId,
        resource.id,
        {
          after,
          limit: query.limit,
        },
      ),
    };
  }

  /** The setting named `settingId` at exactly this scope: RoleSettingNotFound otherwise. */
  async one(
    caller: Principal,
    scope: string,
    settingId: string,
  ): Promise<{ resource: ResourceEntity; setting: RoleSettingEntity }> {
    const resource = await this.armIds.resourceAt(caller.tenantId, scope);
    const id = normalizeGuid(settingId);
    const setting =
      resource && id && (await this.settings.find(caller.tenantId, id));
    if (!resource || !setting || setting.resourceId !== resource.id) {
      throw new RoleSettingNotFoundError();
    }
    return { resource, setting };
  }

  private async ofRole(
    resource: ResourceEntity,
    roleDefinitionId: string,
  ): Promise<RoleSettingEntity[]> {
    const name = roleDefinitionId.split('/').pop()?.toLowerCase();
    const definition = (
      await this.roleDefinitions.ofResources(resource.tenantId, [resource.id])
    ).find(
      (each) => roleDefinitionNameOf(each, resource).toLowerCase() === name,
    );
    const setting =
      definition &&
      (await this.settings.findByRoleDefinition(
        resource.tenantId,
        definition.id,
      ));
    return setting && setting.resourceId === resource.id ? [setting] : [];
  }
}
