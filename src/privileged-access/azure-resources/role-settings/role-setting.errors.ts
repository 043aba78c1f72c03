import { DomainError } from '../../../errors/domain-error.js';

export class RoleSettingNotFoundError extends DomainError {
  constructor() {
    super('RoleSettingNotFound', 'The role setting does not exist.');
  }
}

/** `problems` name each part of the setting that is wrong and why. */
export class InvalidRoleSettingError extends DomainError {
  constructor(readonly problems: readonly string[]) {
    super(
      'InvalidRoleSetting',
      `The role setting is not valid: ${problems.join('; ')}.`,
    );
  }
}
