import { DomainError } from '../../../errors/domain-error.js';

export class RoleDefinitionNotFoundError extends DomainError {
  constructor() {
    super('RoleDefinitionNotFound', 'The role definition does not exist.');
  }
}
