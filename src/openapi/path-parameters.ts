import type { OpenAPIObject } from '@nestjs/swagger';
import { HTTP_METHODS, isReference } from './http-operations.js';

/**
 * Each operation with the path parameters of its own path only. Nest's scanner gives every path
 * of a handler with several (a request's actions, at `…/roleAssignmentRequests/{id}/cancel` and
 * under a resource at `…/resources/{resourceId}/roleAssignmentRequests/{id}/cancel`) all the
 * handler's parameters, and a path parameter its path does not have makes the document invalid.
 */
export function withOwnPathParameters(document: OpenAPIObject): OpenAPIObject {
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation?.parameters) {
        operation.parameters = operation.parameters.filter(
          (parameter) =>
            isReference(parameter) ||
            parameter.in !== 'path' ||
            path.includes(`{${parameter.name}}`),
        );
      }
    }
  }
  return document;
}
