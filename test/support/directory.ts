import { TENANT_A, USER_A } from './tokens.js';

/** The resource, role definition and subject the requests of the tests refer to. */
export const RESOURCE_ID = 'e5e7d29d-5465-45ac-885f-4716a5ee74b5';
export const ROLE_DEFINITION_ID = '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2';

/**
 * Seed collections holding what a request of a tenant names (its resource, role definition and
 * subject), for seed files whose requests must pass the seed's reference checks.
 */
export function referencedRecords(tenantId: string = TENANT_A) {
  return {
    resources: [
      {
        id: RESOURCE_ID,
        tenantId,
        externalId: `/subscriptions/${RESOURCE_ID}`,
        type: 'subscription',
        displayName: 'Contoso Production',
        status: 'Active',
      },
    ],
    roleDefinitions: [
      {
        id: ROLE_DEFINITION_ID,
        tenantId,
        resourceId: RESOURCE_ID,
        externalId: `/subscriptions/${RESOURCE_ID}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_DEFINITION_ID}`,
        displayName: 'Contributor',
        templateId: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
      },
    ],
    subjects: [
      {
        id: USER_A,
        tenantId,
        type: 'User',
        displayName: 'Adele Vance',
        principalName: 'adele@contoso.example',
      },
    ],
  };
}
