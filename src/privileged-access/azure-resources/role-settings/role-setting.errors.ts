import { GraphError } from '../../../graph/graph-error.js';

/** 400, as PIM answers an unknown id (see RoleAssignmentRequestNotFound). */
export class RoleSettingNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleSettingNotFound',
      'The governanceRoleSetting does not exist in system.',
    );
  }
}

export class InvalidRoleSettingError extends GraphError {
  constructor(problems: readonly string[]) {
    super(
      400,
      'InvalidRoleSetting',
      `The role setting is not valid: ${problems.join('; ')}.`,
    );
  }
}
