import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Node.js request beneath whatever the HTTP adapter hands out (Fastify wraps it as `raw`). */
export function nodeRequestOf(request: unknown): IncomingMessage {
  return (
    (request as { raw?: IncomingMessage }).raw ?? (request as IncomingMessage)
  );
}

/** The Node.js response beneath whatever the HTTP adapter hands out. */
export function nodeResponseOf(response: unknown): ServerResponse {
  return (
    (response as { raw?: ServerResponse }).raw ?? (response as ServerResponse)
  );
}
