import { GraphError } from './graph-error.js';

/** Errors of the Graph protocol itself, shared by every module. */

export class BadRequestError extends GraphError {
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

export class SegmentNotFoundError extends GraphError {
  constructor(segment: string) {
    super(
      400,
      'BadRequest',
      `Resource not found for the segment '${segment}'.`,
    );
  }
}

/**
 * A single-valued navigation that leads nowhere (a resource without a parent): 404, as Graph
 * answers a navigation with no entity behind it.
 */
export class NavigationTargetNotFoundError extends GraphError {
  constructor(typeName: string, navigation: string) {
    super(404, 'ResourceNotFound', `The ${typeName} has no ${navigation}.`);
  }
}

export class MethodNotAllowedError extends GraphError {
  constructor(method: string, allowedMethods: readonly string[]) {
    super(
      405,
      'MethodNotAllowed',
      `The HTTP method '${method}' is not allowed on this resource.`,
      { Allow: allowedMethods.join(', ') },
    );
  }
}

export class RequestEntityTooLargeError extends GraphError {
  constructor(limitBytes: number) {
    super(
      413,
      'RequestEntityTooLarge',
      `The request body is larger than the limit of ${limitBytes} bytes.`,
    );
  }
}

export class ServiceUnavailableError extends GraphError {
  constructor(options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Retry the request later.',
      { 'Retry-After': String(options.retryAfterSeconds ?? 5) },
      options.cause,
    );
  }
}

export class GeneralError extends GraphError {
  constructor() {
    super(
      500,
      'generalException',
      'An unexpected error occurred while processing the request.',
    );
  }
}
