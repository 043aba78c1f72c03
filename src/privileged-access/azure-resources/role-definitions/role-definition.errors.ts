import { GraphError } from '../../../graph/graph-error.js';

/** 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound). */
export class RoleDefinitionNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleDefinitionNotFound',
      'The governanceRoleDefinition does not exist in system.',
    );
  }
}
