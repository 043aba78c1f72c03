import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestIds } from '../values/request-ids.js';

const GIVEN_IDS = Symbol('http.givenRequestIds');

type RequestWithIds = IncomingMessage & { [GIVEN_IDS]?: RequestIds };

/**
 * Records the ids an API surface gave a request, so that what serves every surface (the log
 * line, the emulator's call history) reads them without knowing which API named them how.
 */
export function recordGivenRequestIds(
  request: IncomingMessage,
  ids: RequestIds,
): void {
  (request as RequestWithIds)[GIVEN_IDS] = ids;
}

/**
 * The ids the request's API gave it; for a request that never reached a surface, new ones
 * that no response carries.
 */
export function givenRequestIdsOf(request: IncomingMessage): RequestIds {
  const given = (request as RequestWithIds)[GIVEN_IDS];
  if (given) {
    return given;
  }
  const requestId = randomUUID();
  return { requestId, clientRequestId: requestId };
}
