import { DomainError } from '../../../errors/domain-error.js';

export class RoleAssignmentRequestNotFoundError extends DomainError {
  constructor() {
    super(
      'RoleAssignmentRequestNotFound',
      'The role assignment request does not exist.',
    );
  }
}

export class RequestCannotBeCancelledError extends DomainError {
  constructor() {
    super(
      'RequestCannotBeCancelled',
      'The request is in a sub-status that cannot be cancelled.',
    );
  }
}

export class RoleNotFoundError extends DomainError {
  constructor() {
    super('RoleNotFound', 'The role definition is not one of the resource.');
  }
}

export class SubjectNotFoundError extends DomainError {
  constructor() {
    super('SubjectNotFound', 'The subject does not exist.');
  }
}

export class ResourceIsLockedError extends DomainError {
  constructor() {
    super('ResourceIsLocked', 'The resource is locked.');
  }
}

export class PendingRoleAssignmentRequestError extends DomainError {
  constructor() {
    super(
      'PendingRoleAssignmentRequest',
      'A request for this role assignment is already pending.',
    );
  }
}

export class RoleAssignmentExistsError extends DomainError {
  constructor() {
    super('RoleAssignmentExists', 'The role assignment already exists.');
  }
}

export class RoleAssignmentDoesNotExistError extends DomainError {
  constructor() {
    super('RoleAssignmentDoesNotExist', 'The role assignment does not exist.');
  }
}

/** The role's rules (its setting) refused the request: `failedRules` names them. */
export class PolicyValidationFailedError extends DomainError {
  constructor(readonly failedRules: readonly string[]) {
    super(
      'RoleAssignmentRequestPolicyValidationFailed',
      `The rules of the role refused the request: ${failedRules.join(', ')}.`,
    );
  }
}

/** A decision came for a request that is not waiting in `requiredSubStatus`. */
export class RequestNotPendingError extends DomainError {
  constructor(readonly requiredSubStatus: string) {
    super(
      'RequestNotPending',
      `The request is not ${requiredSubStatus}: it cannot be decided this way.`,
    );
  }
}

/** A UserAdd activates an eligible assignment: it asks for an Active one. */
export class ActivationNotActiveError extends DomainError {
  constructor() {
    super(
      'ActivationNotActive',
      'A UserAdd request asks for an assignment state other than Active.',
    );
  }
}

/** A request of `requestType` grants an assignment for a time: it needs a schedule. */
export class ScheduleMissingError extends DomainError {
  constructor(readonly requestType: string) {
    super('ScheduleMissing', `A ${requestType} request has no schedule.`);
  }
}

/** The schedule's duration ends it after the last instant the store can hold. */
export class ScheduleBeyondStorableYearsError extends DomainError {
  constructor() {
    super(
      'ScheduleBeyondStorableYears',
      'The schedule ends after the last storable instant.',
    );
  }
}

export class ScheduleEndsBeforeStartError extends DomainError {
  constructor() {
    super('ScheduleEndsBeforeStart', 'The schedule ends before it starts.');
  }
}

/** The caller chose the id of a request the tenant has: requests are never replaced. */
export class RoleAssignmentRequestIdTakenError extends DomainError {
  constructor() {
    super(
      'RoleAssignmentRequestIdTaken',
      'The tenant has a request of the id the caller chose.',
    );
  }
}
