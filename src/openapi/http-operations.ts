import type { PathItemObject, ReferenceObject } from '@nestjs/swagger';

// What the completions of the document (Graph's, Resource Manager's) share about operations.

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// Fastify reads a body for these methods only; for GET and HEAD it never does.
export const BODY_METHODS: ReadonlySet<HttpMethod> = new Set([
  'post',
  'put',
  'patch',
  'delete',
  'options',
]);

/** The methods of a path, as an `Allow` header names them. */
export function methodsOf(pathItem: PathItemObject): string[] {
  return HTTP_METHODS.filter((method) => pathItem[method]).map((method) =>
    method.toUpperCase(),
  );
}

/** A method the path does not take, for an example of the answer to one. */
export function otherMethod(allowed: readonly string[]): string {
  return (
    ['DELETE', 'PATCH', 'PUT', 'POST', 'GET'].find(
      (method) => !allowed.includes(method),
    ) ?? 'TRACE'
  );
}

export function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}
