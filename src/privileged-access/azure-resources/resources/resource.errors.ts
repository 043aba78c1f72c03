import { DomainError } from '../../../errors/domain-error.js';

export class ResourceNotFoundError extends DomainError {
  constructor() {
    super('ResourceNotFound', 'The resource does not exist.');
  }
}
