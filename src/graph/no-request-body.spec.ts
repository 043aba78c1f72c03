import type { IncomingMessage } from 'node:http';
import { BadRequestError } from './graph-errors.js';
import { hasEmptyBody } from './no-request-body.js';
import { NOT_JSON_BODY } from '../http/not-json-body.js';
import { acceptRequestBody } from './request-body.js';

/**
 * A request as the app sees it after its body parser ran (Fastify calls the parser only when a
 * body was sent); `error` is what the parser refused it with, `body` what it parsed.
 */
function receivedRequest(
  body: string | undefined,
  contentType?: string,
): { request: IncomingMessage; body?: unknown; error: unknown } {
  const request = {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  } as unknown as IncomingMessage;
  if (body === undefined) {
    return { request, error: undefined };
  }
  try {
    const parsed = acceptRequestBody(request, Buffer.from(body, 'utf8'));
    return { request, body: parsed, error: undefined };
  } catch (error) {
    return { request, error };
  }
}

describe('hasEmptyBody', () => {
  it.each([
    ['no body, no content type', undefined, undefined],
    ['an empty body with a JSON content type', '', 'application/json'],
    ['whitespace only', ' \r\n\t ', 'application/json'],
    ['whitespace without a content type', '   ', undefined],
    ['{}', '{}', 'application/json'],
    ['{ } with a charset', '{ }', 'application/json; charset=utf-8'],
    ['null', 'null', 'application/json'],
    ['{} in a +json media type', '{}', 'application/merge-patch+json'],
    ['{} without a content type (Kiota)', '{}', undefined],
    ['null without a content type', 'null', undefined],
    ['an empty body with a non-JSON content type', '', 'text/plain'],
  ])('counts %s as empty', (_case, body, contentType) => {
    const { request, error } = receivedRequest(body, contentType);

    expect(error).toBeUndefined();
    expect(hasEmptyBody(request)).toBe(true);
  });

  it.each([
    ['an object with content', '{"reason":"x"}', 'application/json'],
    ['an empty array', '[]', 'application/json'],
    ['a string', '"x"', 'application/json'],
    ['a number', '0', 'application/json'],
    ['false', 'false', 'application/json'],
    ['{} as text/plain', '{}', 'text/plain'],
    ['null as a form', 'null', 'application/x-www-form-urlencoded'],
    ['plain text', 'cancel it', 'text/plain'],
    ['text without a content type', 'cancel it', undefined],
    ['an object without a content type', '{"a":1}', undefined],
  ])('does not count %s as empty', (_case, body, contentType) => {
    const { request, error } = receivedRequest(body, contentType);

    expect(error).toBeUndefined();
    expect(hasEmptyBody(request)).toBe(false);
  });

  it('does not count malformed JSON as empty (and the body parser refuses it)', () => {
    const { request, error } = receivedRequest(
      '{"reason":',
      'application/json',
    );

    expect(error).toBeInstanceOf(BadRequestError);
    expect(hasEmptyBody(request)).toBe(false);
  });

  it('parses a JSON body into request.body, and marks a body of another content type as not JSON', () => {
    const json = receivedRequest('{"a":1}', 'application/json');
    const text = receivedRequest('{"a":1}', 'text/plain');
    const none = receivedRequest('', 'text/plain');

    expect(json.body).toEqual({ a: 1 });
    expect(text.body).toBe(NOT_JSON_BODY);
    expect(none.body).toBeUndefined();
  });
});
