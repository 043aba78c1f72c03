import { registerGraphWordings } from '../../../../graph/graph-error-registry.js';
import * as errors from '../resource.errors.js';

registerGraphWordings(errors, {
  // 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound).
  ResourceNotFoundError: () => ({
    status: 400,
    message: 'The governanceResource does not exist in system.',
  }),
  ResourceNotRegistrableError: (error) => ({
    status: 400,
    code: 'BadRequest',
    message: `The externalId '${error.externalId}' names no subscription (/subscriptions/{id}) or management group (/providers/Microsoft.Management/managementGroups/{name}) to register.`,
  }),
});
