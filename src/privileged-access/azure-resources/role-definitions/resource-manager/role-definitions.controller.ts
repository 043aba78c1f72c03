import { Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../../auth/principal.js';
import { parseArmFilter } from '../../../../resource-manager/arm-filter.js';
import { ArmScope } from '../../../../resource-manager/arm-request.decorators.js';
import type { ArmPage } from '../../../../resource-manager/arm-responses.js';
import { ResourceManagerController } from '../../../../resource-manager/resource-manager-controller.decorator.js';
import {
  ArmIds,
  roleDefinitionArmIdOf,
  roleDefinitionNameOf,
} from '../../resource-manager/arm-ids.js';
import type { ResourceEntity } from '../../resources/resource.entity.js';
import type { RoleDefinitionEntity } from '../role-definition.entity.js';
import { RoleDefinitionNotFoundError } from '../role-definition.errors.js';
import { RoleDefinitionsRepository } from '../role-definitions.repository.js';
// Worded before any of these routes answers.
import './role-definition.arm-errors.js';

/** The api-version the Azure SDK (9.x) sends for role definitions. */
const ROLE_DEFINITION_API_VERSIONS = ['2022-04-01'] as const;

/** A role definition in Resource Manager's JSON. */
export interface ArmRoleDefinition {
  id: string;
  name: string;
  type: 'Microsoft.Authorization/roleDefinitions';
  properties: {
    roleName: string;
    description: string | null;
    type: 'BuiltInRole';
    permissions: {
      actions: string[];
      notActions: string[];
      dataActions: string[];
      notDataActions: string[];
    }[];
    assignableScopes: string[];
  };
}

/**
 * Role definitions at a scope, from the stored ones: those of the scope's resource and of the
 * resources above it (and below, with `atScopeAndBelow()`), as ARM lists the definitions
 * applicable at a scope. Anyone of the tenant may read them, as in Azure.
 */
@ResourceManagerController('roleDefinitions', ROLE_DEFINITION_API_VERSIONS)
export class RoleDefinitionsArmController {
  constructor(
    private readonly armIds: ArmIds,
    private readonly definitions: RoleDefinitionsRepository,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @Query('$filter') filterText?: string,
  ): Promise<ArmPage<ArmRoleDefinition>> {
    const filter = parseArmFilter(filterText, {
      functions: ['atScopeAndBelow'],
      properties: ['roleName', 'type'],
    });
    const found = await this.applicable(caller, scope, {
      below: filter.functions.has('atscopeandbelow'),
    });
    const roleName = filter.equals.get('rolename')?.toLowerCase();
    const type = filter.equals.get('type');
    return {
      value: found
        .filter(
          ({ definition }) =>
            (roleName === undefined ||
              definition.displayName.toLowerCase() === roleName) &&
            (type === undefined || type === 'BuiltInRole'),
        )
        .map(({ definition, resource }) => presented(definition, resource)),
    };
  }

  /** A role definition by its name: the GUID that ends its ARM id (its template's, for built-ins). */
  @Get(':name')
  async get(
    @CurrentPrincipal() caller: Principal,
    @ArmScope() scope: string,
    @Param('name') name: string,
  ): Promise<ArmRoleDefinition> {
    const found = (await this.applicable(caller, scope, { below: false })).find(
      ({ definition, resource }) =>
        roleDefinitionNameOf(definition, resource).toLowerCase() ===
        name.toLowerCase(),
    );
    if (!found) {
      throw new RoleDefinitionNotFoundError();
    }
    return presented(found.definition, found.resource);
  }

  private async applicable(
    caller: Principal,
    scope: string,
    reach: { below: boolean },
  ): Promise<{ definition: RoleDefinitionEntity; resource: ResourceEntity }[]> {
    const { resources } = await this.armIds.around(
      caller.tenantId,
      scope,
      reach,
    );
    const byId = new Map(resources.map((resource) => [resource.id, resource]));
    const definitions = await this.definitions.ofResources(caller.tenantId, [
      ...byId.keys(),
    ]);
    return definitions.map((definition) => ({
      definition,
      resource: byId.get(definition.resourceId) as ResourceEntity,
    }));
  }
}

function presented(
  definition: RoleDefinitionEntity,
  resource: ResourceEntity,
): ArmRoleDefinition {
  const id = roleDefinitionArmIdOf(definition, resource);
  return {
    id,
    name: roleDefinitionNameOf(definition, resource),
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: definition.displayName,
      description: null,
      // The stored definitions do not say whether they are custom (docs/resource-manager.md).
      type: 'BuiltInRole',
      permissions: [
        { actions: [], notActions: [], dataActions: [], notDataActions: [] },
      ],
      assignableScopes: [resource.externalId],
    },
  };
}
