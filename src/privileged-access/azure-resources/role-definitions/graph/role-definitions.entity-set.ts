import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { AZURE_RESOURCES_PROVIDER } from '../../graph/azure-resources.constants.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import { RoleDefinitionEntity } from '../role-definition.entity.js';

/** `governanceRoleDefinitions`: what lists, filters and expands them. */
export const ROLE_DEFINITIONS: ODataEntitySet<RoleDefinitionEntity> =
  defineEntitySet({
    name: 'governanceRoleDefinitions',
    typeName: 'governanceRoleDefinition',
    containedIn: {
      provider: AZURE_RESOURCES_PROVIDER,
      collection: 'roleDefinitions',
    },
    entity: RoleDefinitionEntity,
    type: {
      id: { column: 'id', type: 'guid' },
      resourceId: REFERENCE_PROPERTIES.resourceId,
      externalId: {
        column: 'externalId',
        type: 'string',
        schema: {
          example:
            '/subscriptions/e5e7d29d-5465-45ac-885f-4716a5ee74b5/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
        },
      },
      displayName: {
        column: 'displayName',
        type: 'string',
        schema: { example: 'Reader' },
      },
      templateId: { column: 'templateId', type: 'guid' },
    },
    navigation: {
      resource: REFERENCE_NAVIGATION.resource,
      roleSetting: {
        target: 'governanceRoleSettings',
        sourceProperty: 'id',
        targetProperty: 'roleDefinitionId',
      },
    },
  });
