import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphError } from '../graph/graph-error.js';
import { graphErrorBody } from '../graph/graph-error-body.js';
import {
  BadRequestError,
  MethodNotAllowedError,
} from '../graph/graph-errors.js';
import { assignRequestIds } from '../graph/request-ids.js';

export class RequestTimeoutError extends GraphError {
  constructor() {
    super(
      408,
      'RequestTimeout',
      'The request was not received in time: its headers or its body arrived too slowly.',
    );
  }
}

export class RequestHeadersTooLargeError extends GraphError {
  constructor() {
    super(
      431,
      'RequestHeaderFieldsTooLarge',
      'The request headers are too large.',
    );
  }
}

export class ExpectationFailedError extends GraphError {
  constructor() {
    super(
      417,
      'ExpectationFailed',
      "The expectation of the request's Expect header cannot be met: only 100-continue is supported.",
    );
  }
}

/**
 * The server's `checkExpectation` listener: Node.js answers an `Expect` other than
 * `100-continue` itself, with a bare 417 that reaches neither Fastify nor Nest. This one is the
 * Graph error, with the request ids.
 */
export function answerUnmetExpectation(
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const ids = assignRequestIds(request, response);
  const body = JSON.stringify(
    graphErrorBody(new ExpectationFailedError(), ids),
  );
  response.writeHead(417, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

/**
 * The server's `connect` listener: Node.js hands a CONNECT request to it, and without one
 * closes the connection without a word. This is no proxy: the Graph 405, then the connection
 * is closed.
 */
export function answerConnect(_request: IncomingMessage, socket: Duplex): void {
  socket.end(rawGraphErrorResponse(new MethodNotAllowedError('CONNECT', [])));
}

/** What Node.js reports about a connection whose request never reached the application. */
export function clientErrorToGraphError(code: string | undefined): GraphError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new RequestTimeoutError();
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new RequestHeadersTooLargeError();
  }
  return new BadRequestError('The request is malformed.');
}

/** A complete HTTP/1.1 response carrying the Graph error, for a connection that is then closed. */
export function rawGraphErrorResponse(error: GraphError): string {
  // The request was never parsed: there is no client-request-id to echo.
  const requestId = randomUUID();
  const body = JSON.stringify(
    graphErrorBody(error, { requestId, clientRequestId: requestId }),
  );
  return [
    `HTTP/1.1 ${error.status} ${STATUS_TEXT[error.status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `request-id: ${requestId}`,
    `client-request-id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    ...Object.entries(error.headers).map(
      ([name, value]) => `${name}: ${value}`,
    ),
    '',
    body,
  ].join('\r\n');
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * The server's `clientError` listener, in place of Fastify's (whose bodies are not Graph errors):
 * answers a request that timed out, was malformed or had too large headers with the Graph error,
 * then closes the connection. As Node.js does, it writes nothing when the connection is gone or
 * when a response to it has already begun.
 */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  // Node.js's own check (lib/_http_server.js socketOnError): the response in flight, if any.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })
    ._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(rawGraphErrorResponse(clientErrorToGraphError(error.code)));
  }
  socket.destroy(error);
}
