import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

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
