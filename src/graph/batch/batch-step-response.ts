import type { OutgoingHttpHeaders } from 'node:http';
import type { GraphError } from '../graph-error.js';
import { graphErrorBody } from '../graph-error-body.js';
import { isJsonMediaType } from '../request-body.js';
import type { RequestIds } from '../../values/request-ids.js';
import type { BatchStepResponseDto } from './dto/batch-response.dto.js';

/** What a request of a batch answered, as the application sent it. */
export interface StepAnswer {
  readonly statusCode: number;
  readonly headers: OutgoingHttpHeaders;
  readonly rawPayload: Buffer;
}

// The headers of a request's answer that tell its client something, spelt as Graph spells them
// (the Graph JS client reads `Content-Type` so written); the others (hop-by-hop, length, the
// security headers of the HTTP exchange) belong to the batch's own response.
const ANSWERED_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'Content-Type',
  location: 'Location',
  'retry-after': 'Retry-After',
  allow: 'Allow',
  'www-authenticate': 'WWW-Authenticate',
  'request-id': 'request-id',
  'client-request-id': 'client-request-id',
};

/** The response of a request that ran: its status, its headers and its body, JSON as JSON. */
export function stepResponse(
  id: string,
  answer: StepAnswer,
): BatchStepResponseDto {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    const spelling = ANSWERED_HEADERS[name.toLowerCase()];
    if (spelling && value !== undefined) {
      headers[spelling] = Array.isArray(value) ? value.join(', ') : `${value}`;
    }
  }
  const body = bodyOf(answer.rawPayload, headers['Content-Type']);
  return {
    id,
    status: answer.statusCode,
    headers,
    ...(body !== undefined && { body }),
  };
}

/** The response of a request that did not run: the Graph error it answers instead. */
export function refusedStepResponse(
  id: string,
  error: GraphError,
  ids: RequestIds,
): BatchStepResponseDto {
  return {
    id,
    status: error.status,
    headers: { 'Content-Type': 'application/json', ...error.headers },
    body: graphErrorBody(error, ids),
  };
}

/** Graph carries a JSON body as JSON and any other as base64 text. */
function bodyOf(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) {
    return undefined;
  }
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (isJsonMediaType(mediaType)) {
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      // Not JSON after all: passed on as bytes, like any other body.
    }
  }
  return raw.toString('base64');
}
