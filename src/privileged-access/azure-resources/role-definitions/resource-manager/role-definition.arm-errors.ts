import { registerArmWordings } from '../../../../resource-manager/arm-error-registry.js';
import * as errors from '../role-definition.errors.js';

registerArmWordings(errors, {
  RoleDefinitionNotFoundError: () => ({
    status: 404,
    code: 'RoleDefinitionDoesNotExist',
    message: 'The specified role definition does not exist.',
  }),
});
