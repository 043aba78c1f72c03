import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { GraphError } from './graph-error.js';
import type { GraphErrorBody } from './graph-error-body.js';

/**
 * The OpenAPI schema of the Graph error payload (graph-error-body.ts), under the names Microsoft
 * Graph's own OpenAPI description gives it, so that generated clients recognise it.
 */

@ApiSchema({
  name: 'microsoft.graph.ODataErrors.InnerError',
  description: 'Where and when the error happened, to quote to support.',
})
export class GraphInnerErrorSchema {
  @ApiProperty({
    description: 'When the error happened: UTC, without zone or fraction.',
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$',
    example: '2026-11-28T14:57:30',
  })
  date: string;

  @ApiProperty({
    description:
      'The id of this HTTP call, new for every request; also the `request-id` header.',
    format: 'uuid',
    example: 'b4f3c9a2-6d1e-4f7a-9c2b-1e5d8a7f3c60',
  })
  'request-id': string;

  @ApiProperty({
    description:
      "The caller's `client-request-id` header echoed, else the request id; also the `client-request-id` header.",
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
  })
  'client-request-id': string;
}

@ApiSchema({ name: 'microsoft.graph.ODataErrors.MainError' })
export class GraphMainErrorSchema {
  @ApiProperty({
    description:
      'A stable code to branch on, such as `RoleAssignmentRequestNotFound` or `InvalidAuthenticationToken`.',
    example: 'RoleAssignmentRequestNotFound',
  })
  code: string;

  @ApiProperty({
    description: 'What went wrong, for people.',
    example: 'The governanceRoleAssignmentRequest does not exist in system.',
  })
  message: string;

  @ApiProperty({ type: () => GraphInnerErrorSchema })
  innerError: GraphInnerErrorSchema;
}

@ApiSchema({
  name: 'microsoft.graph.ODataErrors.ODataError',
  description:
    'The body of every error response, of every status, with content type `application/json`.',
})
export class GraphErrorSchema implements GraphErrorBody {
  @ApiProperty({ type: () => GraphMainErrorSchema })
  error: GraphMainErrorSchema;
}

/** The ids and date the documentation's examples show. */
export const EXAMPLE_REQUEST_IDS = {
  date: '2026-11-28T14:57:30',
  requestId: 'b4f3c9a2-6d1e-4f7a-9c2b-1e5d8a7f3c60',
  clientRequestId: '0f8fad5b-d9cb-469f-a165-70867728950e',
} as const;

/** The body a client gets for `error`, as an example of a fixed date and ids. */
export function exampleGraphErrorBody(error: GraphError): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: EXAMPLE_REQUEST_IDS.date,
        'request-id': EXAMPLE_REQUEST_IDS.requestId,
        'client-request-id': EXAMPLE_REQUEST_IDS.clientRequestId,
      },
    },
  };
}
