import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createConnection } from 'node:net';

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

/**
 * Sends `head`, a whole request without a body ending in an empty line, as raw bytes on a
 * connection of its own and reads the answer until the server closes it (send
 * `Connection: close`). For requests an HTTP client would refuse to send or would retry, and for
 * those the server answers before reading them whole (headers over its limit).
 */
export function rawExchange(
  baseUrl: string,
  head: string,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = createConnection(
      { host: hostname, port: Number(port) },
      () => socket.write(head),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Writes racing the server's close fail with EPIPE / ECONNRESET: what is received counts.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      const received = Buffer.concat(chunks).toString('utf8');
      const response = parseResponse(received);
      if (response) {
        resolve(response);
      } else {
        reject(new Error(`not an HTTP response: ${JSON.stringify(received)}`));
      }
    });
  });
}

/** One HTTP/1.1 response with a Content-Length body (or none), as the server wrote it. */
function parseResponse(received: string): RawResponse | undefined {
  const headEnd = received.indexOf('\r\n\r\n');
  if (!received.startsWith('HTTP/1.1 ') || headEnd < 0) {
    return undefined;
  }
  const [statusLine, ...lines] = received.slice(0, headEnd).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    text: received.slice(headEnd + 4),
  };
}
