/**
 * Tells the API surfaces whether an error means that something the service depends on (its
 * database) cannot serve now, so that they answer "service unavailable" with a Retry-After
 * without reading driver errors. The layer that owns the dependency provides it (DatabaseModule).
 * Asked only when a request has failed: a success costs nothing.
 */
export abstract class DependencyFailures {
  abstract isUnavailable(error: unknown): boolean;
}
