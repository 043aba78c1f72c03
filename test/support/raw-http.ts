import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * An HTTP call with exactly the headers given: supertest and fetch add a Content-Type of their
 * own to string bodies, which would hide the "no content type" cases. An https `baseUrl` is
 * called over TLS, trusting `ca` when given (a self-signed certificate itself), else Node's CAs.
 */
export function rawRequest(
  baseUrl: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = `${baseUrl}${options.path}`;
    const { method, headers } = options;
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    };
    const call = url.startsWith('https:')
      ? httpsRequest(url, { method, headers, ca: options.ca }, onResponse)
      : httpRequest(url, { method, headers }, onResponse);
    call.on('error', reject);
    call.end(options.body);
  });
}

export interface RawBytesRequest {
  readonly method: string;
  /** The request target exactly as sent: bytes no HTTP client would let through included. */
  readonly target: Buffer;
  /** Header lines as sent, in order, repeated names included; values are sent as given. */
  readonly headers: readonly (readonly [string, string | Buffer])[];
  readonly body?: Buffer;
}

/**
 * An HTTP/1.1 call written byte for byte on its own connection: unlike `rawRequest` (Node's
 * client), nothing is checked, encoded or added but `Host`, `Content-Length` of a body (unless
 * a `Transfer-Encoding` header frames it) and `Connection: close`. For requests a client
 * library would refuse or normalise.
 */
export function rawBytesRequest(
  baseUrl: string,
  request: RawBytesRequest,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body ?? Buffer.alloc(0);
  const lines = [
    Buffer.concat([
      Buffer.from(`${request.method} `, 'latin1'),
      request.target,
      Buffer.from(' HTTP/1.1', 'latin1'),
    ]),
    Buffer.from(`Host: ${hostname}:${port}`, 'latin1'),
    ...request.headers.map(([name, value]) =>
      Buffer.concat([
        Buffer.from(`${name}: `, 'latin1'),
        typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
      ]),
    ),
    // A body framed by the caller (Transfer-Encoding) is sent as it is.
    ...(body.length > 0 &&
    !request.headers.some(([name]) => /^transfer-encoding$/i.test(name))
      ? [Buffer.from(`Content-Length: ${body.length}`, 'latin1')]
      : []),
    Buffer.from('Connection: close', 'latin1'),
  ];
  const bytes = Buffer.concat([
    ...lines.flatMap((line) => [line, CRLF]),
    CRLF,
    body,
  ]);
  return exchangeBytes(baseUrl, bytes, request.method, timeoutMs);
}

/**
 * Sends `head`, a whole request without a body ending in an empty line, as it is (its own Host
 * and Connection: close included). For requests the server answers before reading them whole
 * (headers over its limit).
 */
export function rawExchange(
  baseUrl: string,
  head: string,
): Promise<RawResponse> {
  return exchangeBytes(baseUrl, Buffer.from(head, 'utf8'), head.split(' ')[0]);
}

/** Writes `bytes` on a connection of its own and reads the first answer until it closes. */
function exchangeBytes(
  baseUrl: string,
  bytes: Buffer,
  method: string,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      const received = Buffer.concat(chunks);
      if (received.length === 0) {
        reject(error ?? new Error('the server closed without answering'));
        return;
      }
      try {
        resolve(parseRawResponse(received, method));
      } catch (parseError) {
        reject(
          parseError instanceof Error
            ? parseError
            : new Error(String(parseError)),
        );
      }
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer and close before it has read the whole request (a body over the
    // limit): a failed write then is not a failed call, the answer is what counts.
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
    socket.write(bytes);
  });
}

const CRLF = Buffer.from('\r\n', 'latin1');

/** The first response on a connection: status line, headers, then a body of any framing. */
function parseRawResponse(received: Buffer, method: string): RawResponse {
  const headerEnd = received.indexOf('\r\n\r\n');
  if (headerEnd < 0) {
    throw new Error(
      `an incomplete response: ${JSON.stringify(received.toString('latin1').slice(0, 500))}`,
    );
  }
  const [statusLine, ...headerLines] = received
    .subarray(0, headerEnd)
    .toString('latin1')
    .split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string | string[] | undefined> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers[name];
    headers[name] =
      previous === undefined
        ? value
        : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  let body = received.subarray(headerEnd + 4);
  if (method === 'HEAD' || status === 204 || status === 304) {
    body = Buffer.alloc(0);
  } else if (/chunked/i.test(String(headers['transfer-encoding']))) {
    body = decodeChunked(body);
  } else if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  return { status, headers, text: body.toString('utf8') };
}

function decodeChunked(encoded: Buffer): Buffer {
  const parts: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = encoded.indexOf('\r\n', position);
    const size = parseInt(
      encoded.subarray(position, lineEnd).toString('latin1'),
      16,
    );
    if (lineEnd < 0 || !(size > 0)) {
      return Buffer.concat(parts);
    }
    parts.push(encoded.subarray(lineEnd + 2, lineEnd + 2 + size));
    position = lineEnd + 2 + size + 2;
  }
}
