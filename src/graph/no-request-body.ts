import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { isJsonMediaType, mediaTypeOf, rawBodyOf } from './request-body.js';

/** Declares an action that takes no request body (such as `cancel`). */
export const NoRequestBody = Reflector.createDecorator<true>({
  transform: () => true,
});

/**
 * Graph clients differ in how they send "nothing": no body at all (Kiota), or `{}` / `null` with
 * `Content-Type: application/json` (the Graph JS client). All of those count as empty; any
 * other content does not.
 */
export function hasEmptyBody(request: IncomingMessage): boolean {
  const text = rawBodyOf(request).toString('utf8').trim();
  if (text === '') {
    return true;
  }
  const mediaType = mediaTypeOf(request);
  if (mediaType !== undefined && !isJsonMediaType(mediaType)) {
    return false;
  }
  try {
    const value: unknown = JSON.parse(text);
    return (
      value === null ||
      (typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length === 0)
    );
  } catch {
    return false;
  }
}
