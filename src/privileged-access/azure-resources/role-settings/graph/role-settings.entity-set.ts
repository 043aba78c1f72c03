import type { SchemaObject } from '@nestjs/swagger';
import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { AZURE_RESOURCES_PROVIDER } from '../../graph/azure-resources.constants.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import { RoleSettingEntity } from '../role-setting.entity.js';

/** A rule list's JSON: the settings' and their audit events'. */
export const RULES_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
    // Graph's name of the rule's type, which $metadata declares.
    title: 'microsoft.graph.governanceRuleSetting',
    type: 'object',
    properties: {
      ruleIdentifier: { type: 'string', example: 'ExpirationRule' },
      setting: {
        type: 'string',
        description: "A JSON text of the rule's shape.",
        example:
          '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}',
      },
    },
  },
};

/** `governanceRoleSettings`: what lists, filters and expands them. */
export const ROLE_SETTINGS: ODataEntitySet<RoleSettingEntity> = defineEntitySet(
  {
    name: 'governanceRoleSettings',
    typeName: 'governanceRoleSetting',
    containedIn: {
      provider: AZURE_RESOURCES_PROVIDER,
      collection: 'roleSettings',
    },
    entity: RoleSettingEntity,
    type: {
      id: { column: 'id', type: 'guid' },
      resourceId: REFERENCE_PROPERTIES.resourceId,
      roleDefinitionId: REFERENCE_PROPERTIES.roleDefinitionId,
      isDefault: { column: 'isDefault', type: 'boolean' },
      lastUpdatedDateTime: {
        column: 'lastUpdatedDateTime',
        type: 'dateTime',
        nullable: true,
      },
      lastUpdatedBy: {
        column: 'lastUpdatedBy',
        type: 'string',
        nullable: true,
      },
      adminEligibleSettings: {
        column: 'adminEligibleSettings',
        type: 'json',
        schema: RULES_SCHEMA,
      },
      adminMemberSettings: {
        column: 'adminMemberSettings',
        type: 'json',
        schema: RULES_SCHEMA,
      },
      userEligibleSettings: {
        column: 'userEligibleSettings',
        type: 'json',
        schema: RULES_SCHEMA,
      },
      userMemberSettings: {
        column: 'userMemberSettings',
        type: 'json',
        schema: RULES_SCHEMA,
      },
    },
    navigation: {
      resource: REFERENCE_NAVIGATION.resource,
      roleDefinition: REFERENCE_NAVIGATION.roleDefinition,
    },
  },
);
