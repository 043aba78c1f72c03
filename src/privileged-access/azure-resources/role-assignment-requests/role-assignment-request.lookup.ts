import type { Principal } from '../../../auth/principal.js';
import { normalizeGuid } from '../../../graph/guid.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RoleAssignmentRequestNotFoundError } from './role-assignment-request.errors.js';
import type { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

/**
 * A request of the caller's tenant, by the id a route was given: another tenant's request does
 * not exist for the caller. What every service that reads one request asks first.
 */
export async function requestOfCallerTenant(
  repository: RoleAssignmentRequestsRepository,
  caller: Principal,
  id: string,
): Promise<RoleAssignmentRequestEntity> {
  const requestId = normalizeGuid(id);
  const request =
    requestId && (await repository.findInTenant(caller.tenantId, requestId));
  if (!request) {
    throw new RoleAssignmentRequestNotFoundError();
  }
  return request;
}
