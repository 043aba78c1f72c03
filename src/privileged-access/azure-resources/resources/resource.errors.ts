import { GraphError } from '../../../graph/graph-error.js';

/** 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound). */
export class ResourceNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'ResourceNotFound',
      'The governanceResource does not exist in system.',
    );
  }
}
