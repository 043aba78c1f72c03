import { BadRequestError } from './graph-errors.js';

/**
 * Refusals of a request's shape, which the runtime throws and the OpenAPI document shows as
 * examples: declared once, so that the two say the same.
 */

export class UnsupportedQueryOptionError extends BadRequestError {
  /** `option` as the request wrote it, with or without its `$`. */
  constructor(option: string) {
    super(`The query option '${option}' is not supported by this request.`);
  }
}

export class MalformedJsonError extends BadRequestError {
  constructor() {
    super(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

export class RequestBodyNotAcceptedError extends BadRequestError {
  constructor() {
    super('This request does not accept a request body.');
  }
}
