import type { IncomingMessage } from 'node:http';
import { BadRequestError } from './graph-errors.js';
import { MAX_JSON_DEPTH } from '../values/json-depth.js';
import { acceptRequestBody } from './request-body.js';

const JSON_REQUEST = {
  headers: { 'content-type': 'application/json' },
} as unknown as IncomingMessage;

function accept(body: string): unknown {
  return acceptRequestBody(JSON_REQUEST, Buffer.from(body, 'utf8'));
}

function nested(open: string, close: string, depth: number): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

describe('acceptRequestBody', () => {
  it('parses a JSON body', () => {
    expect(accept('{"reason":"a","schedule":{"duration":"PT8H"}}')).toEqual({
      reason: 'a',
      schedule: { duration: 'PT8H' },
    });
  });

  it.each([
    ['objects', '{"a":', '}'],
    ['lists', '[', ']'],
  ])('accepts %s nested as deep as the limit', (_case, open, close) => {
    expect(() => accept(nested(open, close, MAX_JSON_DEPTH))).not.toThrow();
  });

  // Validation walks a body recursively: thousands of levels were a stack overflow, a 500.
  it.each([
    ['objects one level too deep', '{"a":', '}', MAX_JSON_DEPTH + 1],
    ['lists one level too deep', '[', ']', MAX_JSON_DEPTH + 1],
    ['lists 100,000 levels deep', '[', ']', 100_000],
  ])('refuses %s as a bad request', (_case, open, close, depth) => {
    expect(() => accept(nested(open, close, depth))).toThrow(
      new BadRequestError(
        `The JSON request payload is nested deeper than ${MAX_JSON_DEPTH} levels.`,
      ),
    );
  });
});
