import type { Server } from 'node:http';
import type { HttpConfig } from '../config/app-config.js';
import { answerClientError } from './client-errors.js';

/**
 * How often Node.js looks for requests past their headers or request timeout. Its default,
 * 30 s, would let a slow client hold a connection up to 30 s past the timeout; the check walks
 * the server's open connections (in C++), cheap at once a second. Read when the server starts
 * listening.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Protects the server against slow clients (slowloris): a client must send its headers within
 * HTTP_HEADERS_TIMEOUT_SECONDS and its whole request within HTTP_REQUEST_TIMEOUT_SECONDS, or
 * gets 408 and the connection is closed; an idle keep-alive connection is closed after
 * HTTP_KEEP_ALIVE_TIMEOUT_SECONDS. Call before the server listens.
 */
export function configureServerTimeouts(
  server: Server,
  http: HttpConfig,
): void {
  server.requestTimeout = http.requestTimeoutSeconds * 1000;
  // Node.js refuses a headers timeout above the request timeout when a server is created; the
  // shorter one would end the request first anyway.
  server.headersTimeout =
    Math.min(http.headersTimeoutSeconds, http.requestTimeoutSeconds) * 1000;
  server.keepAliveTimeout = http.keepAliveTimeoutSeconds * 1000;
  (
    server as Server & { connectionsCheckingInterval: number }
  ).connectionsCheckingInterval = TIMEOUT_CHECK_INTERVAL_MS;
  server.removeAllListeners('clientError');
  server.on('clientError', answerClientError);
}
