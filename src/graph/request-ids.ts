import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordGivenRequestIds } from '../http/given-request-ids.js';
import type { RequestIds } from '../values/request-ids.js';

const REQUEST_IDS = Symbol('graph.requestIds');
// A client value is echoed in a header and logged: keep it short and free of control characters.
const CLIENT_REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

type RequestWithIds = IncomingMessage & { [REQUEST_IDS]?: RequestIds };

/** Gives the request its ids (once) and puts them on the response, as Graph does on every response. */
export function assignRequestIds(
  request: IncomingMessage,
  response: ServerResponse,
): RequestIds {
  const carrier = request as RequestWithIds;
  if (!carrier[REQUEST_IDS]) {
    const requestId = randomUUID();
    const offered = request.headers['client-request-id'];
    const clientRequestId =
      typeof offered === 'string' && CLIENT_REQUEST_ID_PATTERN.test(offered)
        ? offered
        : requestId;
    carrier[REQUEST_IDS] = { requestId, clientRequestId, api: 'Graph' };
    recordGivenRequestIds(request, carrier[REQUEST_IDS]);
  }
  const ids = carrier[REQUEST_IDS];
  if (!response.headersSent) {
    response.setHeader('request-id', ids.requestId);
    response.setHeader('client-request-id', ids.clientRequestId);
  }
  return ids;
}

export function requestIdsMiddleware(
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  assignRequestIds(request, response);
  next();
}
