/** The Graph vocabulary of governanceRoleAssignmentRequest. */

export const REQUEST_TYPES = [
  'AdminAdd',
  'UserAdd',
  'AdminUpdate',
  'AdminRemove',
  'UserRemove',
  'UserExtend',
  'AdminExtend',
  'UserRenew',
  'AdminRenew',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const ASSIGNMENT_STATES = ['Eligible', 'Active'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const REQUEST_STATUSES = ['InProgress', 'Closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const SUB_STATUSES = [
  'Accepted',
  'PendingEvaluation',
  'Granted',
  'Denied',
  'PendingProvisioning',
  'Provisioned',
  'PendingRevocation',
  'Revoked',
  'Canceled',
  'Failed',
  'PendingApprovalProvisioning',
  'PendingApproval',
  'FailedAsResourceIsLocked',
  'PendingAdminDecision',
  'AdminApproved',
  'AdminDenied',
  'TimedOut',
  'ProvisioningStarted',
] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

export const SCHEDULE_TYPES = ['Once'] as const;

/** The only sub-statuses from which a request may be cancelled (Graph's documented rule). */
export const CANCELLABLE_SUB_STATUSES: readonly SubStatus[] = [
  'Granted',
  'PendingApproval',
  'PendingApprovalProvisioning',
  'PendingAdminDecision',
];

export function isCancellable(subStatus: SubStatus): boolean {
  return CANCELLABLE_SUB_STATUSES.includes(subStatus);
}

/** What an audit record says happened to a request. */
export type AuditAction = 'Cancel';
