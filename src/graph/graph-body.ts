import { Body, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { BadRequestError } from './graph-errors.js';
import { withoutODataAnnotations } from './odata/annotations.js';
import { NOT_JSON_BODY } from '../http/not-json-body.js';
import { validationProblems } from '../values/validation-problems.js';

/**
 * Validates a JSON request body against a class-validator class: anything else, including a
 * property the class does not declare, is a 400 BadRequest listing every problem. `@odata.*`
 * annotations (the SDKs send `@odata.type`) are not data and are dropped first.
 */
class GraphBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(
    private readonly bodyClass: new () => T,
    private readonly optional: boolean,
  ) {}

  transform(body: unknown): T {
    if (body === NOT_JSON_BODY) {
      throw new BadRequestError(
        'The request body must be JSON, sent with Content-Type: application/json.',
      );
    }
    const value = withoutODataAnnotations(
      this.optional && (body === undefined || body === null) ? {} : body,
    );
    const problems = validationProblems('body', this.bodyClass, value);
    if (problems.length > 0) {
      throw new BadRequestError(
        `The request body is not valid: ${problems.join('; ')}.`,
      );
    }
    return plainToInstance(this.bodyClass, value);
  }
}

/**
 * The request body, validated against `bodyClass`. An optional body may be left out (no body,
 * or `null`): it is then `{}`.
 */
export function GraphBody<T extends object>(
  bodyClass: new () => T,
  options: { optional?: boolean } = {},
): ParameterDecorator {
  return Body(new GraphBodyPipe(bodyClass, options.optional === true));
}
