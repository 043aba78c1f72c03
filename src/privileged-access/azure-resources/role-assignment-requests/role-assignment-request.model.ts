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

/** Types that create an assignment (UserAdd: activate an eligible one). */
export const ADDITION_TYPES: readonly RequestType[] = ['AdminAdd', 'UserAdd'];
/** Types that end an assignment. */
export const REMOVAL_TYPES: readonly RequestType[] = [
  'AdminRemove',
  'UserRemove',
];
/** Types a user asks and an administrator decides (`updateRequest`). */
export const ADMIN_DECIDED_TYPES: readonly RequestType[] = [
  'UserExtend',
  'UserRenew',
];

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

/** A request in one of these is still open: another about the same assignment must wait. */
export const PENDING_SUB_STATUSES: readonly SubStatus[] = [
  'Accepted',
  'PendingEvaluation',
  'Granted',
  'PendingProvisioning',
  'PendingApprovalProvisioning',
  'PendingApproval',
  'PendingAdminDecision',
  'AdminApproved',
  'ProvisioningStarted',
  'PendingRevocation',
];

export function isCancellable(subStatus: SubStatus): boolean {
  return CANCELLABLE_SUB_STATUSES.includes(subStatus);
}

/** What an audit record says happened to a request. */
export type AuditAction =
  | 'Create'
  | 'Evaluate'
  | 'Cancel'
  | 'Approve'
  | 'Deny'
  | 'AdminApprove'
  | 'AdminDeny'
  | 'Provision'
  | 'Revoke'
  | 'TimeOut';

/** The actor of what the scheduler does (provision, revoke, time out): no user, no app. */
export const SCHEDULER_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** The schedule a caller asks for: from its start (now when none) to its end, or for a duration. */
export interface RequestedSchedule {
  readonly type?: string;
  readonly startDateTime?: string | null;
  readonly endDateTime?: string | null;
  readonly duration?: string | null;
}

/** The ticket of a ticketing system a request refers to (Resource Manager's ticketInfo). */
export interface RequestTicket {
  readonly number: string | null;
  readonly system: string | null;
}

/** An ABAC condition on the assignment a request asks for (Resource Manager's condition). */
export interface RequestCondition {
  readonly expression: string;
  readonly version: string | null;
}

/** What a caller asks when creating a request, whichever API it asked through. */
export interface NewRequest {
  /** The id the caller chose (Resource Manager's name); a new one when none. */
  readonly id?: string;
  readonly ticket?: RequestTicket | null;
  readonly condition?: RequestCondition | null;
  readonly resourceId: string;
  readonly roleDefinitionId: string;
  readonly subjectId: string;
  readonly assignmentState: AssignmentState;
  readonly type: RequestType;
  readonly reason?: string | null;
  readonly schedule?: RequestedSchedule | null;
  readonly linkedEligibleRoleAssignmentId?: string | null;
}

/** An approver's decision on a PendingApproval request. */
export interface ApproverDecision {
  readonly reason?: string;
}

export const ADMIN_DECISIONS = ['AdminApproved', 'AdminDenied'] as const;

/** An administrator's decision on a PendingAdminDecision request. */
export interface AdminDecision {
  readonly decision: (typeof ADMIN_DECISIONS)[number];
  readonly reason: string;
  /** When approving: the schedule granted, the request's own by default. */
  readonly schedule?: RequestedSchedule;
}

/**
 * Where a caller looks for a request: of one assignment state, on the resource of one external
 * id (a Resource Manager collection at a scope). A request elsewhere does not exist for that call.
 */
export interface RequestPlace {
  readonly assignmentState: AssignmentState;
  /** Compared without regard to case, as Resource Manager compares ids. */
  readonly resourceExternalId: string;
}
