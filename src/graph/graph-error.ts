import { ApiError } from '../errors/api-error.js';

/**
 * A failure a client is meant to see, rendered by the GraphExceptionFilter as a Graph error
 * payload. Services throw subclasses declared in their module's `*.errors.ts`; they never touch
 * HTTP themselves.
 */
export abstract class GraphError extends ApiError {}
