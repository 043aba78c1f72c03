import { GraphError } from '../../../graph/graph-error.js';

export class RoleAssignmentRequestNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleAssignmentRequestNotFound',
      'The governanceRoleAssignmentRequest does not exist in system.',
    );
  }
}

export class RequestCannotBeCancelledError extends GraphError {
  constructor() {
    super(
      400,
      'RequestCannotBeCancelled',
      'Only requests in status of Granted, PendingApproval, PendingApprovalProvisioning and PendingAdminDecision can be cancelled.',
    );
  }
}
