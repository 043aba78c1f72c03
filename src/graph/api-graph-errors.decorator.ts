import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { DomainError } from '../errors/domain-error.js';
import type { GraphError } from './graph-error.js';
import type { GraphErrorBody } from './graph-error-body.js';
import { requireGraphErrorOf } from './graph-error-registry.js';
import {
  exampleGraphErrorBody,
  GraphErrorSchema,
} from './graph-error.schema.js';

/** One error a route can answer, as its documentation shows it. */
export interface GraphErrorExample {
  readonly error: GraphError;
  /** The situation, for people ("an unknown id"); the error's message when omitted. */
  readonly summary?: string;
  /** The example's key in the document; the error's code when omitted. */
  readonly key?: string;
}

/** An error a route answers: a Graph error, or a domain error shown in its Graph wording. */
export type DocumentedError = GraphError | DomainError;

/** An example of `@ApiGraphErrors`, whose error may be a domain error. */
export type DocumentedErrorExample = Omit<GraphErrorExample, 'error'> & {
  readonly error: DocumentedError;
};

/** The documented answer of one status: its text, examples and the headers its errors set. */
export interface GraphErrorResponseDescription {
  readonly description: string;
  readonly examples: Record<string, { summary: string; value: GraphErrorBody }>;
  readonly headers: Record<
    string,
    { description: string; schema: { type: 'string' }; example: string }
  >;
}

// What the headers our errors set mean; a header not listed here is documented by its name only.
const ERROR_HEADER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'WWW-Authenticate': 'RFC 6750: the scheme and why the token was refused.',
  Allow: 'The methods this path supports.',
  'Retry-After': 'Seconds to wait before retrying.',
};

/**
 * Documents the Graph errors of a route beyond the protocol's own (those are added to every
 * Graph route when the OpenAPI document is built): one response per status, the Graph error
 * schema, an example body per error and the headers the errors set. A domain error is shown in
 * its Graph wording, which must be registered by then (the controller imports its module's
 * `*.graph-errors.ts`): otherwise the class definition fails, naming it.
 *
 *     @ApiGraphErrors(new RoleAssignmentRequestNotFoundError())
 */
export function ApiGraphErrors(
  ...errors: (DocumentedError | DocumentedErrorExample)[]
): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, GraphErrorExample[]>();
  for (const entry of errors) {
    const example = inGraphForm(entry);
    byStatus.set(example.error.status, [
      ...(byStatus.get(example.error.status) ?? []),
      example,
    ]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, examples]) =>
      ApiResponse({
        status,
        type: GraphErrorSchema,
        ...describeGraphErrors(examples),
      }),
    ),
  );
}

/** The example of an error, its error in its Graph form. */
function inGraphForm(
  entry: DocumentedError | DocumentedErrorExample,
): GraphErrorExample {
  const example = 'error' in entry ? entry : { error: entry };
  const { error } = example;
  return {
    ...example,
    error: error instanceof DomainError ? requireGraphErrorOf(error) : error,
  };
}

/** The description, examples and headers of a response made of these errors (of one status). */
export function describeGraphErrors(
  errors: readonly GraphErrorExample[],
): GraphErrorResponseDescription {
  const examples: GraphErrorResponseDescription['examples'] = {};
  const headers: GraphErrorResponseDescription['headers'] = {};
  for (const { error, summary, key } of errors) {
    examples[uniqueKey(examples, key ?? error.code)] = {
      summary: summary ?? error.message,
      value: exampleGraphErrorBody(error),
    };
    for (const [name, value] of Object.entries(error.headers)) {
      headers[name] = {
        description: ERROR_HEADER_DESCRIPTIONS[name] ?? name,
        schema: { type: 'string' },
        example: value,
      };
    }
  }
  return {
    description: errors
      .map(
        ({ error, summary }) =>
          `- \`${error.code}\`: ${summary ?? error.message}`,
      )
      .filter((line, index, lines) => lines.indexOf(line) === index)
      .join('\n'),
    examples,
    headers,
  };
}

function uniqueKey(taken: object, wanted: string): string {
  let key = wanted;
  for (let n = 2; key in taken; n += 1) {
    key = `${wanted}${n}`;
  }
  return key;
}
