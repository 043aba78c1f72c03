import { registerArmWordings } from '../../../../resource-manager/arm-error-registry.js';
import * as errors from '../role-assignment.errors.js';

// As for a schedule request not found (docs/resource-manager.md: no capture of ARM's answer).
registerArmWordings(errors, {
  RoleAssignmentNotFoundError: (_error, call) => ({
    status: 404,
    code: 'ResourceNotFound',
    message: `The Resource '${call.scope}' was not found.`,
  }),
});
