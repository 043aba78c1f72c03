import { CreateRoleAssignmentRequests1764340000000 } from '../privileged-access/azure-resources/role-assignment-requests/migrations/1764340000000-create-role-assignment-requests.js';

/**
 * Every migration of every module, listed rather than globbed so that the same list works in the
 * build, under Jest's ESM loader and in a bundle. A new module appends its own.
 */
export const MIGRATIONS = [CreateRoleAssignmentRequests1764340000000];
