import type { IncomingMessage } from 'node:http';
import { NOT_JSON_BODY } from '../http/not-json-body.js';
import { BadRequestError } from './graph-errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../values/json-depth.js';
import { MalformedJsonError } from './protocol-errors.js';

const RAW_BODY = Symbol('graph.rawBody');

type RequestWithBody = IncomingMessage & { [RAW_BODY]?: Buffer };

/** The media type of the request without parameters, lower case; undefined when none was sent. */
export function mediaTypeOf(request: IncomingMessage): string | undefined {
  const header = request.headers['content-type'];
  const mediaType = header?.split(';')[0].trim().toLowerCase();
  return mediaType ? mediaType : undefined;
}

export function isJsonMediaType(mediaType: string | undefined): boolean {
  return (
    mediaType === 'application/json' || (mediaType?.endsWith('+json') ?? false)
  );
}

/** The bytes of the request body; empty when the request had none. */
export function rawBodyOf(request: IncomingMessage): Buffer {
  return (request as RequestWithBody)[RAW_BODY] ?? Buffer.alloc(0);
}

/**
 * Takes a request body read as bytes: keeps them (some actions must tell "no body" from "{}")
 * and returns the parsed JSON for a JSON media type, NOT_JSON_BODY for another, undefined for
 * none. Malformed JSON is a Graph BadRequest with the message Graph gives.
 */
export function acceptRequestBody(
  request: IncomingMessage,
  raw: Buffer,
): unknown {
  (request as RequestWithBody)[RAW_BODY] = raw;
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  if (!isJsonMediaType(mediaTypeOf(request))) {
    return NOT_JSON_BODY;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
  if (nestsDeeperThan(value)) {
    throw new BadRequestError(
      `The JSON request payload is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  return value;
}
