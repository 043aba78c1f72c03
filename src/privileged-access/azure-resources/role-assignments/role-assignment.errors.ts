import { GraphError } from '../../../graph/graph-error.js';

/** 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound). */
export class RoleAssignmentNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleAssignmentNotFound',
      'The governanceRoleAssignment does not exist in system.',
    );
  }
}
