import * as errors from '../errors/not-permitted.error.js';
import { registerArmWordings } from './arm-error-registry.js';
import { authorizationFailedMessage } from './arm-errors.js';

// The domain's refusals that every module shares, as Resource Manager words them.
registerArmWordings(errors, {
  NotPermittedError: (_error, call) => ({
    status: 403,
    code: 'AuthorizationFailed',
    message: authorizationFailedMessage(call),
  }),
});
