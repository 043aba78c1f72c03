import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { MethodNotAllowedError } from '../graph/graph-errors.js';
import {
  answerClientError,
  clientErrorToGraphError,
  rawGraphErrorResponse,
} from './client-errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Splits a raw HTTP response into status line, headers (lower-case names) and body. */
function parse(raw: string) {
  const [head, body] = raw.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { statusLine, headers, body };
}

function fakeSocket(
  state: {
    writable?: boolean;
    destroyed?: boolean;
    inFlight?: Partial<ServerResponse>;
  } = {},
) {
  const written: string[] = [];
  const destroyedWith: unknown[] = [];
  const socket = {
    writable: state.writable ?? true,
    destroyed: state.destroyed ?? false,
    _httpMessage: state.inFlight,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
    destroy(error?: unknown) {
      destroyedWith.push(error);
    },
  };
  return { socket: socket as unknown as Duplex, written, destroyedWith };
}

function clientError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}

describe('client errors', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'RequestTimeout'],
    ['HPE_HEADER_OVERFLOW', 431, 'RequestHeaderFieldsTooLarge'],
    ['HPE_INVALID_METHOD', 400, 'BadRequest'],
    [undefined, 400, 'BadRequest'],
  ])('%s becomes %i %s', (code, status, graphCode) => {
    expect(clientErrorToGraphError(code)).toMatchObject({
      status,
      code: graphCode,
    });
  });

  it("writes the error's own headers", () => {
    const { statusLine, headers } = parse(
      rawGraphErrorResponse(new MethodNotAllowedError('CONNECT', ['GET'])),
    );

    expect(statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(headers['allow']).toBe('GET');
  });

  it('writes a complete HTTP response with the Graph error body and request ids', () => {
    const raw = rawGraphErrorResponse(
      clientErrorToGraphError('ERR_HTTP_REQUEST_TIMEOUT'),
    );

    const { statusLine, headers, body } = parse(raw);
    expect(statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(headers['connection']).toBe('close');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
    expect(headers['request-id']).toMatch(GUID);
    expect(headers['client-request-id']).toBe(headers['request-id']);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 'RequestTimeout',
        message:
          'The request was not received in time: its headers or its body arrived too slowly.',
        innerError: {
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          'request-id': headers['request-id'],
          'client-request-id': headers['request-id'],
        },
      },
    });
  });

  it('answers a client error and closes the connection', () => {
    const { socket, written, destroyedWith } = fakeSocket();
    const error = clientError('ERR_HTTP_REQUEST_TIMEOUT');

    answerClientError(error, socket);

    expect(written).toHaveLength(1);
    expect(parse(written[0]).statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(destroyedWith).toEqual([error]);
  });

  it('writes nothing over a response that has begun, and still closes the connection', () => {
    const { socket, written, destroyedWith } = fakeSocket({
      inFlight: { headersSent: true },
    });

    answerClientError(clientError('ERR_HTTP_REQUEST_TIMEOUT'), socket);

    expect(written).toEqual([]);
    expect(destroyedWith).toHaveLength(1);
  });

  it('writes nothing to a connection that cannot be written to', () => {
    const { socket, written, destroyedWith } = fakeSocket({ writable: false });

    answerClientError(clientError('HPE_INVALID_METHOD'), socket);

    expect(written).toEqual([]);
    expect(destroyedWith).toHaveLength(1);
  });

  it('leaves a reset or destroyed connection alone', () => {
    const reset = fakeSocket();
    const destroyed = fakeSocket({ destroyed: true });

    answerClientError(clientError('ECONNRESET'), reset.socket);
    answerClientError(clientError('HPE_INVALID_METHOD'), destroyed.socket);

    for (const { written, destroyedWith } of [reset, destroyed]) {
      expect(written).toEqual([]);
      expect(destroyedWith).toEqual([]);
    }
  });
});
