import { registerArmWordings } from '../../../../resource-manager/arm-error-registry.js';
import * as errors from '../role-setting.errors.js';

// How Resource Manager answers the role settings' refusals, for the policies over them
// (docs/resource-manager.md says which wordings were chosen).
registerArmWordings(errors, {
  // As a schedule request not found: ARM's answer for an id it does not know.
  RoleSettingNotFoundError: (_error, call) => ({
    status: 404,
    code: 'ResourceNotFound',
    message: `The Resource '${call.scope}' was not found.`,
  }),
  // The policy's mapping only writes valid rules: the domain's last word, in its own terms.
  InvalidRoleSettingError: ({ problems }) => ({
    status: 400,
    code: 'InvalidRequestContent',
    message: `The role management policy is not valid: ${problems.join('; ')}.`,
  }),
});
