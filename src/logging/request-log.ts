import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { givenRequestIdsOf } from '../http/given-request-ids.js';

/** The one line written for every request, once its response is sent. */
export interface RequestLogLine {
  readonly 'request-id': string;
  readonly 'client-request-id': string;
  readonly method: string;
  /** The route pattern (`…/roleAssignmentRequests/:id/cancel`); null when no route matched. */
  readonly route: string | null;
  readonly status: number;
  /** From the first byte of the request to the response sent, in milliseconds. */
  readonly latencyMs: number;
  /** The caller, when the request was authenticated. */
  readonly tenantId?: string;
  readonly oid?: string;
  readonly appId?: string;
}

/**
 * Replaces Fastify's own request lines ("incoming request", "request completed") with one
 * line per request in our shape, written when the response has been sent. It holds no headers,
 * no URL and no query: a token cannot reach it. Fastify's error lines that named the URL name
 * the route pattern instead; the others stay as they are.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    _error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    request.server.log.info(
      requestLogLine(request, reply),
      'request completed',
    );
  }

  override defaultErrorLog(
    error: Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (reply.statusCode < 500) {
      super.defaultErrorLog(error, request, reply);
      return;
    }
    reply.log.error(
      { route: routePatternOf(request), res: reply, err: error },
      error.message,
    );
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info(`Route ${request.method} not found`);
  }

  override writeHeadError(
    error: Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    reply.log.warn(
      { route: routePatternOf(request), res: reply, err: error },
      error.message,
    );
  }
}

export function requestLogLine(
  request: FastifyRequest,
  reply: FastifyReply,
): RequestLogLine {
  const ids = givenRequestIdsOf(request.raw);
  const caller = (request as FastifyRequest & { user?: Principal }).user;
  return {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    method: request.method,
    route: routePatternOf(request),
    status: reply.statusCode,
    latencyMs: Math.round(reply.elapsedTime * 100) / 100,
    ...(caller && {
      tenantId: caller.tenantId,
      ...(caller.objectId && { oid: caller.objectId }),
      ...(caller.applicationId && { appId: caller.applicationId }),
    }),
  };
}

/**
 * The route pattern a request matched (`…/roleAssignmentRequests/:id/cancel`), null when none
 * did: what the log may say of a URL, whose path and query can carry secrets.
 */
export function routePatternOf(request: {
  routeOptions?: { url?: string };
}): string | null {
  return request.routeOptions?.url ?? null;
}
