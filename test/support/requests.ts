import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RoleAssignmentRequestAuditEventEntity } from '../../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from '../../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { TENANT_A, USER_A } from './tokens.js';

export const REQUESTS_PATH =
  '/beta/privilegedAccess/azureResources/roleAssignmentRequests';

/** A pending request of tenant A; override any field. */
export function aRequest(
  overrides: Partial<RoleAssignmentRequestEntity> = {},
): RoleAssignmentRequestEntity {
  return {
    id: randomUUID(),
    tenantId: TENANT_A,
    requestorId: USER_A,
    resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
    roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
    subjectId: USER_A,
    linkedEligibleRoleAssignmentId: null,
    type: 'UserAdd',
    assignmentState: 'Active',
    requestedDateTime: new Date('2026-11-28T09:00:00.000Z'),
    reason: 'Deploying a hotfix',
    scheduleType: 'Once',
    scheduleStartDateTime: new Date('2026-11-28T10:00:00.000Z'),
    scheduleEndDateTime: null,
    scheduleDuration: 'PT8H',
    status: 'InProgress',
    subStatus: 'PendingApproval',
    statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
    ticketNumber: null,
    ticketSystem: null,
    condition: null,
    conditionVersion: null,
    previousSubStatus: null,
    ...overrides,
  };
}

/** Stores requests through the repository, as the style guide asks of e2e tests. */
export async function storeRequests(
  dataSource: DataSource,
  ...requests: RoleAssignmentRequestEntity[]
): Promise<void> {
  await dataSource.getRepository(RoleAssignmentRequestEntity).insert(requests);
}

export function findStoredRequest(dataSource: DataSource, id: string) {
  return dataSource
    .getRepository(RoleAssignmentRequestEntity)
    .findOneByOrFail({ id });
}

/** The stored requests of one id, one per tenant holding it, in tenant order. */
export function storedRequestsWithId(dataSource: DataSource, id: string) {
  return dataSource
    .getRepository(RoleAssignmentRequestEntity)
    .find({ where: { id }, order: { tenantId: 'ASC' } });
}

export function auditEventsOf(dataSource: DataSource, requestId: string) {
  return dataSource
    .getRepository(RoleAssignmentRequestAuditEventEntity)
    .find({ where: { requestId }, order: { sequence: 'ASC' } });
}

/** The request of the Graph documentation's cancel example, as examples/ and many tests hold it. */
export const DOCUMENTED_REQUEST_ID = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
