import { DomainError } from './domain-error.js';

/**
 * The caller may not do this to this object: it is not theirs to act on, or they do not
 * administer its resource. Each API surface answers it as its own "forbidden", and tells
 * nothing of the object.
 */
export class NotPermittedError extends DomainError {
  constructor() {
    super('NotPermitted', 'The caller may not do this.');
  }
}
