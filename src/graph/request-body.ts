import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { BadRequestError, RequestEntityTooLargeError } from './graph-errors.js';

const RAW_BODY = Symbol('graph.rawBody');

type RequestWithBody = IncomingMessage & {
  [RAW_BODY]?: Buffer;
  body?: unknown;
};

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

export function rawBodyOf(request: IncomingMessage): Buffer {
  return (request as RequestWithBody)[RAW_BODY] ?? Buffer.alloc(0);
}

/**
 * Reads every request body once, with a size limit, keeping the raw bytes (some actions must
 * tell "no body" from "{}") and parsing JSON bodies into `request.body`. It replaces the
 * framework's body parsers so that their failures become Graph errors too.
 */
export function requestBodyMiddleware(limitBytes: number) {
  return (
    request: IncomingMessage,
    _response: unknown,
    next: (error?: unknown) => void,
  ): void => {
    readBody(request, limitBytes).then(() => next(), next);
  };
}

async function readBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<void> {
  const carrier = request as RequestWithBody;
  const raw = await readRaw(request, limitBytes);
  carrier[RAW_BODY] = raw;
  carrier.body = undefined;
  const text = raw.toString('utf8');
  if (text.trim() === '' || !isJsonMediaType(mediaTypeOf(request))) {
    return;
  }
  try {
    carrier.body = JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError(
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

async function readRaw(
  request: IncomingMessage,
  limitBytes: number,
): Promise<Buffer> {
  try {
    return await getRawBody(request, { limit: limitBytes });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw new RequestEntityTooLargeError(limitBytes);
    }
    throw new BadRequestError('The request body could not be read.');
  }
}
