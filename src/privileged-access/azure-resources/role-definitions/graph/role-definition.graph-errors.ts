import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import * as errors from '../role-definition.errors.js';

registerGraphWordings(errors, {
  // 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound).
  RoleDefinitionNotFoundError: () => ({
    status: 400,
    message: 'The governanceRoleDefinition does not exist in system.',
  }),
});
