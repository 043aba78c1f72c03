import type { IncomingMessage } from 'node:http';
import {
  isJsonMediaType,
  mediaTypeOf,
  rawBodyOf,
} from '../graph/request-body.js';

/**
 * A request body as the recorded calls show it: exactly one of `json` (a JSON media type whose
 * bytes were kept whole and parse), `text` (UTF-8 bytes) or `base64` (any other bytes).
 */
export interface RecordedBody {
  /** The Content-Type header as sent; null when none was. */
  readonly contentType: string | null;
  /** The size of the whole body as received. */
  readonly bytes: number;
  /** Only the first `maxBytes` were kept (then never `json`: a cut document does not parse). */
  readonly truncated: boolean;
  readonly json?: unknown;
  readonly text?: string;
  readonly base64?: string;
}

/** The recorded form of the request's body, or undefined when it had none. */
export function recordedBodyOf(
  request: IncomingMessage,
  maxBytes: number,
): RecordedBody | undefined {
  const raw = rawBodyOf(request);
  if (raw.length === 0) {
    return undefined;
  }
  const truncated = raw.length > maxBytes;
  const kept = truncated ? raw.subarray(0, maxBytes) : raw;
  const head = {
    contentType: request.headers['content-type'] ?? null,
    bytes: raw.length,
    truncated,
  };
  const text = utf8Text(kept, truncated);
  if (text === undefined) {
    return { ...head, base64: kept.toString('base64') };
  }
  const json =
    truncated || !isJsonMediaType(mediaTypeOf(request))
      ? NOT_JSON
      : parse(text);
  return json === NOT_JSON ? { ...head, text } : { ...head, json };
}

const NOT_JSON = Symbol('not JSON');

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Malformed JSON is recorded as the text the client sent (it was answered 400).
    return NOT_JSON;
  }
}

/**
 * The bytes as text when they are UTF-8; undefined otherwise. A cut body may end inside a
 * character: that incomplete last character is left out rather than taken for binary data.
 */
function utf8Text(bytes: Buffer, cut: boolean): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, {
      stream: cut,
    });
  } catch {
    return undefined;
  }
}
