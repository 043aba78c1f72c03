import { Injectable } from '@nestjs/common';
import { normalizeGuid } from '../../../../values/guid.js';
import {
  roleDefinitionArmIdOf,
  roleDefinitionNameOf,
} from '../../resource-manager/arm-ids.js';
import type { ResourceEntity } from '../../resources/resource.entity.js';
import type { RoleDefinitionEntity } from '../../role-definitions/role-definition.entity.js';
import { RoleDefinitionsRepository } from '../../role-definitions/role-definitions.repository.js';
import { SubjectsRepository } from '../../subjects/subjects.repository.js';
import type { RoleSettingEntity } from '../role-setting.entity.js';
import {
  type ArmPolicyRule,
  armRulesOf,
} from './role-management-policy.mapping.js';

/** Who changed a policy last, as ARM names a principal. */
export interface ArmPrincipal {
  id: string | null;
  displayName: string | null;
  type: string | null;
  email: string | null;
}

interface ArmScopeDetails {
  id: string;
  displayName: string;
  type: string;
}

/** A role management policy: a stored role setting, in Resource Manager's JSON. */
export interface ArmRoleManagementPolicy {
  properties: {
    scope: string;
    displayName: null;
    description: null;
    isOrganizationDefault: boolean;
    lastModifiedBy: ArmPrincipal | null;
    lastModifiedDateTime: string | null;
    rules: ArmPolicyRule[];
    effectiveRules: ArmPolicyRule[];
    policyProperties: { scope: ArmScopeDetails };
  };
  name: string;
  id: string;
  type: 'Microsoft.Authorization/RoleManagementPolicies';
}

/** The assignment of a policy to its role: the same stored role setting, seen from its role. */
export interface ArmRoleManagementPolicyAssignment {
  properties: {
    scope: string;
    roleDefinitionId: string;
    policyId: string;
    effectiveRules: ArmPolicyRule[];
    policyAssignmentProperties: {
      scope: ArmScopeDetails;
      roleDefinition: { id: string; displayName: string; type: 'BuiltInRole' };
      policy: {
        id: string;
        lastModifiedBy: ArmPrincipal | null;
        lastModifiedDateTime: string | null;
      };
    };
  };
  name: string;
  id: string;
  type: 'Microsoft.Authorization/RoleManagementPolicyAssignment';
}

/**
 * Role settings as Resource Manager's policies and policy assignments, all of one resource (the
 * scope a call addressed): its role definitions and the principals who changed the settings are
 * read once for a page.
 */
@Injectable()
export class RoleManagementPolicyPresenter {
  constructor(
    private readonly roleDefinitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
  ) {}

  async policies(
    resource: ResourceEntity,
    settings: readonly RoleSettingEntity[],
  ): Promise<ArmRoleManagementPolicy[]> {
    const modifiers = await this.modifiersOf(resource, settings);
    return settings.map((setting) => {
      const rules = armRulesOf(setting);
      return {
        properties: {
          scope: resource.externalId,
          // Not stored: Azure's own policies answer null too.
          displayName: null,
          description: null,
          isOrganizationDefault: setting.isDefault,
          lastModifiedBy: modifiers(setting),
          lastModifiedDateTime:
            setting.lastUpdatedDateTime?.toISOString() ?? null,
          rules,
          // No policy is inherited from a scope above: the rules in effect are its own.
          effectiveRules: rules,
          policyProperties: { scope: scopeDetailsOf(resource) },
        },
        name: setting.id,
        id: policyIdOf(resource, setting),
        type: 'Microsoft.Authorization/RoleManagementPolicies',
      };
    });
  }

  async assignments(
    resource: ResourceEntity,
    settings: readonly RoleSettingEntity[],
  ): Promise<ArmRoleManagementPolicyAssignment[]> {
    const [modifiers, definitions] = await Promise.all([
      this.modifiersOf(resource, settings),
      this.roleDefinitions.ofResources(resource.tenantId, [resource.id]),
    ]);
    return settings.map((setting) => {
      const definition = definitions.find(
        ({ id }) => id === setting.roleDefinitionId,
      );
      const role = roleOf(resource, setting, definition);
      const name = policyAssignmentNameOf(setting, role.name);
      const policyId = policyIdOf(resource, setting);
      return {
        properties: {
          scope: resource.externalId,
          roleDefinitionId: role.id,
          policyId,
          effectiveRules: armRulesOf(setting),
          policyAssignmentProperties: {
            scope: scopeDetailsOf(resource),
            roleDefinition: {
              id: role.id,
              displayName: role.displayName,
              type: 'BuiltInRole',
            },
            policy: {
              id: policyId,
              lastModifiedBy: modifiers(setting),
              lastModifiedDateTime:
                setting.lastUpdatedDateTime?.toISOString() ?? null,
            },
          },
        },
        name,
        id: `${resource.externalId}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/${name}`,
        type: 'Microsoft.Authorization/RoleManagementPolicyAssignment',
      };
    });
  }

  /** Who changed each setting last: the subject its `lastUpdatedBy` names, read once each. */
  private async modifiersOf(
    resource: ResourceEntity,
    settings: readonly RoleSettingEntity[],
  ): Promise<(setting: RoleSettingEntity) => ArmPrincipal | null> {
    const ids = [
      ...new Set(
        settings.flatMap(({ lastUpdatedBy }) => {
          const id = lastUpdatedBy && normalizeGuid(lastUpdatedBy);
          return id ? [id] : [];
        }),
      ),
    ];
    const subjects = await Promise.all(
      ids.map((id) => this.subjects.find(resource.tenantId, id)),
    );
    return ({ lastUpdatedBy }) => {
      if (lastUpdatedBy === null) {
        return null;
      }
      const id = normalizeGuid(lastUpdatedBy);
      const subject = subjects.find((each) => each?.id === id);
      // A seeded setting may name its author in words, as Azure's answers do ("Admin").
      return {
        id: id ?? null,
        displayName: subject?.displayName ?? (id ? null : lastUpdatedBy),
        type: subject?.type ?? null,
        email: subject?.email ?? null,
      };
    };
  }
}

/** A policy assignment's name: its policy's and its role definition's, as ARM joins them. */
export function policyAssignmentNameOf(
  setting: RoleSettingEntity,
  roleName: string,
): string {
  return `${setting.id}_${roleName}`;
}

function policyIdOf(resource: ResourceEntity, setting: RoleSettingEntity) {
  return `${resource.externalId}/providers/Microsoft.Authorization/roleManagementPolicies/${setting.id}`;
}

function scopeDetailsOf(resource: ResourceEntity): ArmScopeDetails {
  return {
    id: resource.externalId,
    displayName: resource.displayName,
    type: resource.type,
  };
}

/** The role a setting governs, named as ARM names it; by its stored key should its row be gone. */
function roleOf(
  resource: ResourceEntity,
  setting: RoleSettingEntity,
  definition: RoleDefinitionEntity | undefined,
): { id: string; name: string; displayName: string } {
  if (!definition) {
    return {
      id: `${resource.externalId}/providers/Microsoft.Authorization/roleDefinitions/${setting.roleDefinitionId}`,
      name: setting.roleDefinitionId,
      displayName: setting.roleDefinitionId,
    };
  }
  return {
    id: roleDefinitionArmIdOf(definition, resource),
    name: roleDefinitionNameOf(definition, resource),
    displayName: definition.displayName,
  };
}
