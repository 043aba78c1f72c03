import type { PermissionRequirement } from '../../../auth/required-scopes.decorator.js';

/** The Graph version the entity-set controllers route below: their sets' paths start there. */
export const GRAPH_BETA_ROUTE = 'beta';

/** The provider of PIM for Azure resources in the `privilegedAccess` entity set, by its path. */
export const AZURE_RESOURCES_PROVIDER = 'privilegedAccess/azureResources';

/** Root of the PIM for Azure resources provider; every module of it routes below. */
export const AZURE_RESOURCES_ROUTE = `${GRAPH_BETA_ROUTE}/${AZURE_RESOURCES_PROVIDER}`;

export const PRIVILEGED_ACCESS_READ_WRITE =
  'PrivilegedAccess.ReadWrite.AzureResources';
export const PRIVILEGED_ACCESS_READ = 'PrivilegedAccess.Read.AzureResources';

/** Reads: delegated callers need ReadWrite (as documented); applications Read or ReadWrite. */
export const READ_AZURE_RESOURCES: PermissionRequirement = {
  delegated: [PRIVILEGED_ACCESS_READ_WRITE],
  application: [PRIVILEGED_ACCESS_READ, PRIVILEGED_ACCESS_READ_WRITE],
};

export const WRITE_AZURE_RESOURCES: PermissionRequirement = {
  delegated: [PRIVILEGED_ACCESS_READ_WRITE],
  application: [PRIVILEGED_ACCESS_READ_WRITE],
};
