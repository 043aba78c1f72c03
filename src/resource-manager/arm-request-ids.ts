import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordGivenRequestIds } from '../http/given-request-ids.js';
import type { RequestIds } from '../values/request-ids.js';

const ARM_REQUEST_IDS = Symbol('resourceManager.requestIds');
// A client value is echoed in a header and logged: keep it short and free of control characters.
const CLIENT_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** The ids of a Resource Manager call: ours, the client's, and the correlation id of its operation. */
export interface ArmRequestIds extends RequestIds {
  readonly correlationRequestId: string;
}

type RequestWithIds = IncomingMessage & {
  [ARM_REQUEST_IDS]?: ArmRequestIds & { readonly echoClientId: boolean };
};

/**
 * Gives a Resource Manager request its ids (once) and puts them on the response as ARM does:
 * `x-ms-request-id` always, `x-ms-correlation-request-id` (the client's, or ours), and the
 * client's `x-ms-client-request-id` only when it asked for it (`x-ms-return-client-request-id:
 * true`), as the ARM RPC describes.
 */
export function assignArmRequestIds(
  request: IncomingMessage,
  response: ServerResponse,
): ArmRequestIds {
  const carrier = request as RequestWithIds;
  if (!carrier[ARM_REQUEST_IDS]) {
    const requestId = randomUUID();
    const clientRequestId = clientValue(request, 'x-ms-client-request-id');
    carrier[ARM_REQUEST_IDS] = {
      requestId,
      clientRequestId: clientRequestId ?? requestId,
      echoClientId:
        clientRequestId !== undefined &&
        request.headers['x-ms-return-client-request-id']
          ?.toString()
          .toLowerCase() === 'true',
      correlationRequestId:
        clientValue(request, 'x-ms-correlation-request-id') ?? requestId,
    };
    recordGivenRequestIds(request, {
      requestId,
      clientRequestId: clientRequestId ?? requestId,
    });
  }
  const ids = carrier[ARM_REQUEST_IDS];
  if (!response.headersSent) {
    response.setHeader('x-ms-request-id', ids.requestId);
    response.setHeader('x-ms-correlation-request-id', ids.correlationRequestId);
    if (ids.echoClientId) {
      response.setHeader('x-ms-client-request-id', ids.clientRequestId);
    }
  }
  return {
    api: 'ResourceManager',
    requestId: ids.requestId,
    clientRequestId: ids.clientRequestId,
    correlationRequestId: ids.correlationRequestId,
  };
}

function clientValue(
  request: IncomingMessage,
  header: string,
): string | undefined {
  const offered = request.headers[header];
  return typeof offered === 'string' && CLIENT_ID_PATTERN.test(offered)
    ? offered
    : undefined;
}
