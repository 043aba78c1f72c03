import { DomainError } from '../../../errors/domain-error.js';

export class RoleAssignmentNotFoundError extends DomainError {
  constructor() {
    super('RoleAssignmentNotFound', 'The role assignment does not exist.');
  }
}
