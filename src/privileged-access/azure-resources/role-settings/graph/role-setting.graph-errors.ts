import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import * as errors from '../role-setting.errors.js';

registerGraphWordings(errors, {
  // 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound).
  RoleSettingNotFoundError: () => ({
    status: 400,
    message: 'The governanceRoleSetting does not exist in system.',
  }),
  InvalidRoleSettingError: ({ problems }) => ({
    status: 400,
    message: `The role setting is not valid: ${problems.join('; ')}.`,
  }),
});
