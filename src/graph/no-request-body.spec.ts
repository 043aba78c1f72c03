import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { BadRequestError, RequestEntityTooLargeError } from './graph-errors.js';
import { hasEmptyBody } from './no-request-body.js';
import { requestBodyMiddleware } from './request-body.js';

const LIMIT = 1024;

/** A request as the app sees it after its body middleware ran; `error` is what that passed on. */
async function receivedRequest(
  body: string | undefined,
  contentType?: string,
): Promise<{ request: IncomingMessage & { body?: unknown }; error: unknown }> {
  const stream = new PassThrough();
  const request = Object.assign(stream, {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  }) as unknown as IncomingMessage & { body?: unknown };
  stream.end(body === undefined ? undefined : Buffer.from(body, 'utf8'));
  const error = await new Promise<unknown>((resolve) => {
    requestBodyMiddleware(LIMIT)(request, undefined, resolve);
  });
  return { request, error };
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
  ])('counts %s as empty', async (_case, body, contentType) => {
    const { request, error } = await receivedRequest(body, contentType);

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
  ])('does not count %s as empty', async (_case, body, contentType) => {
    const { request, error } = await receivedRequest(body, contentType);

    expect(error).toBeUndefined();
    expect(hasEmptyBody(request)).toBe(false);
  });

  it('does not count malformed JSON as empty (and the body middleware refuses it)', async () => {
    const { request, error } = await receivedRequest(
      '{"reason":',
      'application/json',
    );

    expect(error).toBeInstanceOf(BadRequestError);
    expect(hasEmptyBody(request)).toBe(false);
  });

  it('parses a JSON body into request.body, and leaves other content types unparsed', async () => {
    const json = await receivedRequest('{"a":1}', 'application/json');
    const text = await receivedRequest('{"a":1}', 'text/plain');

    expect(json.request.body).toEqual({ a: 1 });
    expect(text.request.body).toBeUndefined();
  });

  it('refuses a body over the limit with RequestEntityTooLarge, and accepts one at the limit', async () => {
    const over = await receivedRequest(
      `"${'x'.repeat(LIMIT - 1)}"`,
      'application/json',
    );
    const at = await receivedRequest(
      `"${'x'.repeat(LIMIT - 2)}"`,
      'application/json',
    );

    expect(over.error).toBeInstanceOf(RequestEntityTooLargeError);
    expect(over.error).toMatchObject({
      status: 413,
      code: 'RequestEntityTooLarge',
    });
    expect(at.error).toBeUndefined();
  });
});
