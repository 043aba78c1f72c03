import { DomainError } from '../../../errors/domain-error.js';

export class ProviderNotFoundError extends DomainError {
  constructor(readonly id: string) {
    super('ProviderNotFound', `No provider of privileged access is '${id}'.`);
  }
}
