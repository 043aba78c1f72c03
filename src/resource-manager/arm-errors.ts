import { ArmError } from './arm-error.js';
import type { ArmCall } from './arm-error-registry.js';

// The refusals of ARM's own protocol, worded as Azure Resource Manager words them
// (docs/resource-manager.md records where no exact wording was observed).

export class MissingApiVersionParameterError extends ArmError {
  constructor() {
    super(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
}

export class InvalidApiVersionParameterError extends ArmError {
  constructor(given: string, supported: readonly string[]) {
    super(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${given}' is invalid. The supported versions are '${supported.join(',')}'.`,
    );
  }
}

export class InvalidResourceTypeError extends ArmError {
  constructor(resourceType: string, apiVersion: string) {
    super(
      404,
      'InvalidResourceType',
      `The resource type '${resourceType}' could not be found in the namespace 'Microsoft.Authorization' for api version '${apiVersion}'.`,
    );
  }
}

/** A served resource type, at a path or with a method none of its routes take. */
export class UnsupportedHttpMethodError extends ArmError {
  constructor(method: string) {
    super(
      405,
      'MethodNotAllowed',
      `The requested resource does not support http method '${method}'.`,
    );
  }
}

export class InvalidRequestUriError extends ArmError {
  constructor() {
    super(400, 'InvalidRequestUri', 'The request URI is malformed.');
  }
}

export class InvalidRequestContentError extends ArmError {
  constructor(message: string) {
    super(400, 'InvalidRequestContent', message);
  }
}

export class RequestEntityTooLargeError extends ArmError {
  constructor(limitBytes: number) {
    super(
      413,
      'RequestEntityTooLarge',
      `The request content is larger than the ${limitBytes} bytes allowed.`,
    );
  }
}

export function authorizationFailedMessage(call: ArmCall): string {
  return `The client '${call.callerId}' with object id '${call.callerId}' does not have authorization to perform action '${call.action}' over scope '${call.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
}

export class ServiceUnavailableError extends ArmError {
  constructor(cause?: unknown) {
    super(
      503,
      'ServiceUnavailable',
      'The server is currently unable to handle the request. Please retry.',
      { 'Retry-After': '5' },
      cause,
    );
  }
}

export class InternalServerError extends ArmError {
  constructor(trackingId: string) {
    super(
      500,
      'InternalServerError',
      `Encountered internal server error. Diagnostic information: tracking id '${trackingId}'.`,
    );
  }
}
