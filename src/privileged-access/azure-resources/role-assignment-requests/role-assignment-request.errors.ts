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

export class RoleNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleNotFound',
      'The role definition does not exist on the resource.',
    );
  }
}

export class SubjectNotFoundError extends GraphError {
  constructor() {
    super(400, 'SubjectNotFound', 'The subject does not exist.');
  }
}

export class ResourceIsLockedError extends GraphError {
  constructor() {
    super(
      400,
      'ResourceIsLocked',
      'The resource is locked: no role assignment can be requested on it.',
    );
  }
}

export class PendingRoleAssignmentRequestError extends GraphError {
  constructor() {
    super(
      400,
      'PendingRoleAssignmentRequest',
      'A request for this role assignment is already pending.',
    );
  }
}

export class RoleAssignmentExistsError extends GraphError {
  constructor() {
    super(400, 'RoleAssignmentExists', 'The role assignment already exists.');
  }
}

export class RoleAssignmentDoesNotExistError extends GraphError {
  constructor() {
    super(
      400,
      'RoleAssignmentDoesNotExist',
      'The role assignment does not exist.',
    );
  }
}

/** The message lists the rules that failed, as Graph writes it. */
export class PolicyValidationFailedError extends GraphError {
  constructor(failedRules: readonly string[]) {
    super(
      400,
      'RoleAssignmentRequestPolicyValidationFailed',
      `The following policy rules failed: ${JSON.stringify(failedRules)}`,
    );
  }
}

export class RequestNotPendingError extends GraphError {
  constructor(subStatus: string) {
    super(
      400,
      'RequestNotPending',
      `Only requests in status of ${subStatus} can be decided this way.`,
    );
  }
}
