import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import * as errors from '../role-assignment.errors.js';

registerGraphWordings(errors, {
  // 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound).
  RoleAssignmentNotFoundError: () => ({
    status: 400,
    message: 'The governanceRoleAssignment does not exist in system.',
  }),
});
