/**
 * Something the service depends on (its database) cannot serve now; the same call may succeed
 * later. The layer that met the failure throws it; each API surface answers it with its own
 * "service unavailable" and a Retry-After, without knowing which dependency failed or how.
 */
export class DependencyUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('A dependency of the service is unavailable', options);
    this.name = 'DependencyUnavailableError';
  }
}
