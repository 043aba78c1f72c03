import type { PermissionRequirement } from '../../auth/required-scopes.decorator.js';
import { ENTITY_SETS } from '../../graph/odata/entity-set-registry.js';
import { RESOURCES } from './resources/resources.entity-set.js';
import { AUDIT_EVENTS } from './role-assignment-requests/audit-events.entity-set.js';
import { ROLE_ASSIGNMENT_REQUESTS } from './role-assignment-requests/role-assignment-requests.entity-set.js';
import { ROLE_ASSIGNMENTS } from './role-assignments/role-assignments.entity-set.js';
import { ROLE_DEFINITIONS } from './role-definitions/role-definitions.entity-set.js';
import { ROLE_SETTING_AUDIT_EVENTS } from './role-settings/role-setting-audit-events.entity-set.js';
import { ROLE_SETTINGS } from './role-settings/role-settings.entity-set.js';
import { SUBJECTS } from './subjects/subjects.entity-set.js';

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

/**
 * Every entity set of the provider, registered so that navigations find their targets by name.
 * Here because every controller imports this file: the sets are registered before a route
 * documents its answer, which shows the navigations' targets.
 */
export const AZURE_RESOURCES_ENTITY_SETS = ENTITY_SETS.register([
  RESOURCES,
  SUBJECTS,
  ROLE_DEFINITIONS,
  ROLE_SETTINGS,
  ROLE_SETTING_AUDIT_EVENTS,
  ROLE_ASSIGNMENTS,
  ROLE_ASSIGNMENT_REQUESTS,
  AUDIT_EVENTS,
]);
