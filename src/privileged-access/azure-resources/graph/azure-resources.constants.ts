import type { PermissionRequirement } from '../../../auth/required-scopes.decorator.js';

/** Root of the PIM for Azure resources provider; every module of it routes below. */
export const AZURE_RESOURCES_ROUTE = 'beta/privilegedAccess/azureResources';

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
