import { Body, type PipeTransform } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { NOT_JSON_BODY } from '../http/not-json-body.js';
import { validationProblems } from '../values/validation-problems.js';
import { InvalidRequestContentError } from './arm-errors.js';

/** The class a handler's `@ArmBody` validates its body against, for the OpenAPI document. */
export const ArmBodyClass = Reflector.createDecorator<new () => object>();

/**
 * Validates a JSON request body against a class-validator class: anything else, including a
 * property the class does not declare, is a 400 InvalidRequestContent listing every problem.
 */
class ArmBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  constructor(private readonly bodyClass: new () => T) {}

  transform(body: unknown): T {
    if (body === NOT_JSON_BODY) {
      throw new InvalidRequestContentError(
        'The request content must be JSON, sent with Content-Type: application/json.',
      );
    }
    const problems = validationProblems('body', this.bodyClass, body ?? {});
    if (problems.length > 0) {
      throw new InvalidRequestContentError(
        `The request content was invalid: ${problems.join('; ')}.`,
      );
    }
    return plainToInstance(this.bodyClass, body);
  }
}

/** The request body, validated against `bodyClass`, which the OpenAPI document shows as its schema. */
export function ArmBody<T extends object>(
  bodyClass: new () => T,
): ParameterDecorator {
  const body = Body(new ArmBodyPipe(bodyClass));
  return (target, propertyKey, parameterIndex) => {
    body(target, propertyKey, parameterIndex);
    const handler =
      propertyKey === undefined
        ? undefined
        : Object.getOwnPropertyDescriptor(target, propertyKey);
    if (propertyKey !== undefined && handler) {
      ArmBodyClass(bodyClass)(target, propertyKey, handler);
    }
  };
}
