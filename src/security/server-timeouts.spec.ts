import { createServer } from 'node:http';
import type { HttpConfig } from '../config/app-config.js';
import { answerClientError } from './client-errors.js';
import {
  configureServerTimeouts,
  TIMEOUT_CHECK_INTERVAL_MS,
} from './server-timeouts.js';

const HTTP: HttpConfig = {
  requestTimeoutSeconds: 30,
  headersTimeoutSeconds: 15,
  keepAliveTimeoutSeconds: 72,
  corsOrigins: [],
  shutdownGraceSeconds: 10,
};

describe('configureServerTimeouts', () => {
  it('sets the request, headers and keep-alive timeouts of the server, in milliseconds', () => {
    const server = createServer({ requestTimeout: 0 });

    configureServerTimeouts(server, HTTP);

    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(15_000);
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(
      (server as unknown as { connectionsCheckingInterval: number })
        .connectionsCheckingInterval,
    ).toBe(TIMEOUT_CHECK_INTERVAL_MS);
  });

  it('never lets the headers timeout exceed the request timeout', () => {
    const server = createServer();

    configureServerTimeouts(server, {
      ...HTTP,
      requestTimeoutSeconds: 5,
      headersTimeoutSeconds: 20,
    });

    expect(server.headersTimeout).toBe(5_000);
  });

  it('answers client errors itself, in place of any earlier listener', () => {
    const server = createServer();
    const earlier = () => undefined;
    server.on('clientError', earlier);

    configureServerTimeouts(server, HTTP);

    expect(server.listeners('clientError')).toEqual([answerClientError]);
  });
});
