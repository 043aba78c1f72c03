import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import * as errors from '../provider.errors.js';

registerGraphWordings(errors, {
  // Graph's answer to a key its entity set does not hold.
  ProviderNotFoundError: (error) => ({
    status: 404,
    code: 'NotFound',
    message: `The privilegedAccess '${error.id}' does not exist.`,
  }),
});
