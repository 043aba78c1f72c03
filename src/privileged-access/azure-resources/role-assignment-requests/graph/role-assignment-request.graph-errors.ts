import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import {
  LAST_STORABLE_INSTANT,
  STORABLE_YEARS_TEXT,
} from '../../../../values/storable-values.js';
import * as errors from '../role-assignment-request.errors.js';

registerGraphWordings(errors, {
  RoleAssignmentRequestNotFoundError: () => ({
    status: 400,
    message: 'The governanceRoleAssignmentRequest does not exist in system.',
  }),
  RequestCannotBeCancelledError: () => ({
    status: 400,
    message:
      'Only requests in status of Granted, PendingApproval, PendingApprovalProvisioning and PendingAdminDecision can be cancelled.',
  }),
  RoleNotFoundError: () => ({
    status: 400,
    message: 'The role definition does not exist on the resource.',
  }),
  SubjectNotFoundError: () => ({
    status: 400,
    message: 'The subject does not exist.',
  }),
  ResourceIsLockedError: () => ({
    status: 400,
    message:
      'The resource is locked: no role assignment can be requested on it.',
  }),
  PendingRoleAssignmentRequestError: () => ({
    status: 400,
    message: 'A request for this role assignment is already pending.',
  }),
  RoleAssignmentExistsError: () => ({
    status: 400,
    message: 'The role assignment already exists.',
  }),
  RoleAssignmentDoesNotExistError: () => ({
    status: 400,
    message: 'The role assignment does not exist.',
  }),
  // Graph lists the failed rules as a JSON array.
  PolicyValidationFailedError: ({ failedRules }) => ({
    status: 400,
    message: `The following policy rules failed: ${JSON.stringify(failedRules)}`,
  }),
  RequestNotPendingError: ({ requiredSubStatus }) => ({
    status: 400,
    message: `Only requests in status of ${requiredSubStatus} can be decided this way.`,
  }),
  // Graph answers the request's own inconsistencies with its generic BadRequest.
  ActivationNotActiveError: () => ({
    status: 400,
    code: 'BadRequest',
    message:
      'A UserAdd request activates an eligible assignment: its assignmentState must be Active.',
  }),
  ScheduleMissingError: ({ requestType }) => ({
    status: 400,
    code: 'BadRequest',
    message: `A ${requestType} request needs a schedule.`,
  }),
  ScheduleBeyondStorableYearsError: () => ({
    status: 400,
    code: 'BadRequest',
    message: `The schedule ends after ${LAST_STORABLE_INSTANT.toISOString()}, outside ${STORABLE_YEARS_TEXT}: its duration is too long.`,
  }),
  // Graph's create takes no id: only another API's request can name one.
  RoleAssignmentRequestIdTakenError: () => ({
    status: 409,
    code: 'Conflict',
    message: 'A governanceRoleAssignmentRequest of this id exists.',
  }),
  ScheduleEndsBeforeStartError: () => ({
    status: 400,
    code: 'BadRequest',
    message:
      'The schedule ends before it starts: endDateTime (or duration) must be after startDateTime.',
  }),
});
