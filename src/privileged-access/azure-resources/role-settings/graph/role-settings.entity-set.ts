import type { SchemaObject } from '@nestjs/swagger';
import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import { RoleSettingEntity } from '../role-setting.entity.js';

/** A rule list's JSON: the settings' and their audit events'. */
export const RULES_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
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
    entity: RoleSettingEntity,
    graphProperties: [
      'id',
      'resourceId',
      'roleDefinitionId',
      'isDefault',
      'lastUpdatedDateTime',
      'lastUpdatedBy',
      'adminEligibleSettings',
      'adminMemberSettings',
      'userEligibleSettings',
      'userMemberSettings',
    ],
    properties: {
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
    },
    navigation: {
      resource: REFERENCE_NAVIGATION.resource,
      roleDefinition: REFERENCE_NAVIGATION.roleDefinition,
    },
    present: (setting) => ({
      id: setting.id,
      resourceId: setting.resourceId,
      roleDefinitionId: setting.roleDefinitionId,
      isDefault: setting.isDefault,
      lastUpdatedDateTime: setting.lastUpdatedDateTime?.toISOString() ?? null,
      lastUpdatedBy: setting.lastUpdatedBy,
      adminEligibleSettings: setting.adminEligibleSettings,
      adminMemberSettings: setting.adminMemberSettings,
      userEligibleSettings: setting.userEligibleSettings,
      userMemberSettings: setting.userMemberSettings,
    }),
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        resourceId: { type: 'string' },
        roleDefinitionId: { type: 'string' },
        isDefault: { type: 'boolean' },
        lastUpdatedDateTime: { type: ['string', 'null'], format: 'date-time' },
        lastUpdatedBy: { type: ['string', 'null'] },
        adminEligibleSettings: RULES_SCHEMA,
        adminMemberSettings: RULES_SCHEMA,
        userEligibleSettings: RULES_SCHEMA,
        userMemberSettings: RULES_SCHEMA,
      },
    },
  },
);
