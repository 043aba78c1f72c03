import { Injectable } from '@nestjs/common';
import { ArmError } from '../../../resource-manager/arm-error.js';
import type { ResourceEntity } from '../resources/resource.entity.js';
import type { RoleDefinitionEntity } from '../role-definitions/role-definition.entity.js';
import { RoleDefinitionsRepository } from '../role-definitions/role-definitions.repository.js';
import {
  ResourcesRepository,
  type ScopeReach,
} from '../resources/resources.repository.js';

/** No stored resource has the ARM id a call addressed: ARM's answer for each kind of scope. */
export class ScopeNotFoundError extends ArmError {
  constructor(scope: string) {
    const segments = scope.split('/').filter(Boolean);
    if (segments.length === 2 && /^subscriptions$/i.test(segments[0])) {
      super(
        404,
        'SubscriptionNotFound',
        `The subscription '${segments[1]}' could not be found.`,
      );
    } else if (segments.length === 4 && /^resourceGroups$/i.test(segments[2])) {
      super(
        404,
        'ResourceGroupNotFound',
        `Resource group '${segments[3]}' could not be found.`,
      );
    } else {
      super(404, 'ResourceNotFound', `The Resource '${scope}' was not found.`);
    }
  }
}

const ROLE_DEFINITION_SEGMENT =
  '/providers/microsoft.authorization/roledefinitions/';

/**
 * The ARM id of a stored role definition: its `externalId` when that is one, else the id ARM
 * gives a built-in role at its resource's scope (its template's GUID).
 */
export function roleDefinitionArmIdOf(
  definition: RoleDefinitionEntity,
  resource: ResourceEntity,
): string {
  return definition.externalId.toLowerCase().includes(ROLE_DEFINITION_SEGMENT)
    ? definition.externalId
    : `${resource.externalId}/providers/Microsoft.Authorization/roleDefinitions/${definition.templateId}`;
}

/** The name ARM gives a stored role definition: the GUID that ends its ARM id. */
export function roleDefinitionNameOf(
  definition: RoleDefinitionEntity,
  resource: ResourceEntity,
): string {
  return roleDefinitionArmIdOf(definition, resource).split('/').pop() ?? '';
}

/**
 * The stored resources and role definitions that ARM ids name: each is the one whose
 * `externalId` the id is, compared without regard to case.
 */
@Injectable()
export class ArmIds {
  constructor(
    private readonly resources: ResourcesRepository,
    private readonly roleDefinitions: RoleDefinitionsRepository,
  ) {}

  /**
   * The id of the role definition an ARM `roleDefinitionId` names; the ARM id itself when none
   * does, which the domain then finds no role for.
   */
  async roleDefinitionIdOf(tenantId: string, armId: string): Promise<string> {
    const found = await this.roleDefinitions.findByExternalId(tenantId, armId);
    return found?.id ?? armId;
  }

  /** The resource at exactly this scope; none at the root (''). */
  async resourceAt(
    tenantId: string,
    scope: string,
  ): Promise<ResourceEntity | undefined> {
    if (scope === '') {
      return undefined;
    }
    const resource = await this.resources.findByExternalId(tenantId, scope);
    if (!resource) {
      throw new ScopeNotFoundError(scope);
    }
    return resource;
  }

  /**
   * The resources a list at a scope covers (ResourcesRepository.around) and, among them, the one
   * at the scope itself (none at the root): one read, refused as ARM refuses a scope that names
   * no resource.
   */
  async around(
    tenantId: string,
    scope: string,
    reach: ScopeReach,
  ): Promise<{ at?: ResourceEntity; resources: ResourceEntity[] }> {
    const resources = await this.resources.around(tenantId, scope, reach);
    if (scope === '') {
      return { resources };
    }
    const at = resources.find(
      (resource) => resource.externalId.toLowerCase() === scope.toLowerCase(),
    );
    if (!at) {
      throw new ScopeNotFoundError(scope);
    }
    return { at, resources };
  }
}
