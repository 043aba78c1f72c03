import * as errors from '../errors/not-permitted.error.js';
import { registerGraphWordings } from './graph-error-registry.js';

// The domain's refusals that every module shares, as Graph words them.
registerGraphWordings(errors, {
  NotPermittedError: () => ({
    status: 403,
    code: 'UnauthorizedAccessException',
    message: 'Attempted to perform an unauthorized operation.',
  }),
});
