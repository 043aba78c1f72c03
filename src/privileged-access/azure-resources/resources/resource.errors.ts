import { DomainError } from '../../../errors/domain-error.js';

export class ResourceNotFoundError extends DomainError {
  constructor() {
    super('ResourceNotFound', 'The resource does not exist.');
  }
}

/** An ARM id that names neither a subscription nor a management group. */
export class ResourceNotRegistrableError extends DomainError {
  constructor(readonly externalId: string) {
    super(
      'ResourceNotRegistrable',
      `'${externalId}' is not the id of a subscription or a management group.`,
    );
  }
}
