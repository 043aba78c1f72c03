import { registerArmWordings } from '../../../../resource-manager/arm-error-registry.js';
import {
  LAST_STORABLE_INSTANT,
  STORABLE_YEARS_TEXT,
} from '../../../../values/storable-values.js';
import * as errors from '../role-assignment-request.errors.js';

// How Resource Manager answers the requests' refusals (docs/resource-manager.md says which
// wordings were observed and which were chosen).
registerArmWordings(errors, {
  RoleAssignmentRequestNotFoundError: (_error, call) => ({
    status: 404,
    code: 'ResourceNotFound',
    message: `The Resource '${call.scope}' was not found.`,
  }),
  RequestCannotBeCancelledError: () => ({
    status: 400,
    message: 'Request is not in cancellable state.',
  }),
  RoleNotFoundError: () => ({
    status: 400,
    code: 'RoleDefinitionDoesNotExist',
    message: 'The specified role definition does not exist at this scope.',
  }),
  SubjectNotFoundError: () => ({
    status: 400,
    code: 'PrincipalNotFound',
    message: 'The principal does not exist in the directory.',
  }),
  ResourceIsLockedError: () => ({
    status: 409,
    code: 'ScopeLocked',
    message: 'The scope is locked: no role assignment can be requested on it.',
  }),
  PendingRoleAssignmentRequestError: () => ({
    status: 400,
    code: 'RoleAssignmentRequestExists',
    message: 'A request for this role assignment is already pending.',
  }),
  RoleAssignmentExistsError: () => ({
    status: 400,
    message: 'The Role assignment already exists.',
  }),
  RoleAssignmentDoesNotExistError: () => ({
    status: 400,
    message: 'The Role assignment does not exist.',
  }),
  PolicyValidationFailedError: ({ failedRules }) => ({
    status: 400,
    message: `The following policy rules failed: ${JSON.stringify(failedRules)}`,
  }),
  RequestNotPendingError: ({ requiredSubStatus }) => ({
    status: 400,
    message: `Only requests in status of ${requiredSubStatus} can be decided this way.`,
  }),
  ActivationNotActiveError: () => ({
    status: 400,
    code: 'InvalidRequestType',
    message: 'A SelfActivate request activates an eligible assignment.',
  }),
  ScheduleMissingError: () => ({
    status: 400,
    code: 'InvalidScheduleInfo',
    message: 'The request needs a scheduleInfo.',
  }),
  ScheduleBeyondStorableYearsError: () => ({
    status: 400,
    code: 'InvalidScheduleInfo',
    message: `The schedule ends after ${LAST_STORABLE_INSTANT.toISOString()}, outside ${STORABLE_YEARS_TEXT}: its duration is too long.`,
  }),
  // Schedule requests are never changed: a PUT of a name in use is refused.
  RoleAssignmentRequestIdTakenError: (_error, call) => ({
    status: 409,
    code: 'RequestNameInUse',
    message: `The request '${call.scope}' exists already: schedule requests cannot be changed.`,
  }),
  ScheduleEndsBeforeStartError: () => ({
    status: 400,
    code: 'InvalidScheduleInfo',
    message: 'The schedule ends before it starts.',
  }),
});
