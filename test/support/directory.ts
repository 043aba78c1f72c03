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

/** Azure's role templates that matter to PIM's rules. */
export const ROLE_TEMPLATES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
};

/** Directory roles (`wids`) that administer PIM. */
export const PRIVILEGED_ROLE_ADMINISTRATOR =
  'e8611ab8-c189-46e8-94e1-60213ab1f814';
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** Seed records of a directory, named by what a test needs of them. */
export function resourceRecord(
  tenantId: string,
  id: string,
  status = 'Active',
) {
  return {
    id,
    tenantId,
    externalId: `/subscriptions/${id}`,
    type: 'subscription',
    displayName: id,
    status,
  };
}

export function roleDefinitionRecord(
  tenantId: string,
  id: string,
  resourceId: string,
  templateId: string,
) {
  return {
    id,
    tenantId,
    resourceId,
    externalId: `/roleDefinitions/${id}`,
    displayName: id,
    templateId,
  };
}

export function userRecord(tenantId: string, id: string, displayName = id) {
  return { id, tenantId, type: 'User', displayName };
}

/** An active, permanent, direct assignment; override any field. */
export function assignmentRecord(
  tenantId: string,
  assignment: {
    id: string;
    resourceId: string;
    roleDefinitionId: string;
    subjectId: string;
  } & Record<string, unknown>,
) {
  return {
    tenantId,
    externalId: `/roleAssignments/${assignment.id}`,
    assignmentState: 'Active',
    memberType: 'Direct',
    status: 'Provisioned',
    ...assignment,
  };
}
