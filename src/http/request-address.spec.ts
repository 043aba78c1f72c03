import type { ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { IncomingMessage } from 'node:http';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from './request-address.js';

class Handlers {
  handle(@CurrentRequestAddress() address: RequestAddress): RequestAddress {
    return address;
  }
}

function addressOf(request: Partial<IncomingMessage>): RequestAddress {
  const [argument] = Object.values(
    Reflect.getMetadata(ROUTE_ARGS_METADATA, Handlers, 'handle') as Record<
      string,
      { factory: (data: unknown, context: ExecutionContext) => RequestAddress }
    >,
  );
  // Fastify hands out its own request, the Node.js one beneath as `raw`.
  const context = {
    switchToHttp: () => ({ getRequest: () => ({ raw: request }) }),
  } as ExecutionContext;
  return argument.factory(undefined, context);
}

describe('CurrentRequestAddress', () => {
  it('is the scheme and Host the request reached, and its URL as sent', () => {
    expect(
      addressOf({
        socket: { encrypted: true } as never,
        headers: { host: 'pim.test:8443' },
        url: '/beta/things?$top=2',
      }),
    ).toEqual({ origin: 'https://pim.test:8443', url: '/beta/things?$top=2' });
  });

  it('trusts no X-Forwarded header: a proxy is configured as PUBLIC_BASE_URL', () => {
    expect(
      addressOf({
        socket: {} as never,
        headers: {
          host: 'internal-node-7:3000',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
        },
        url: '/beta/things',
      }).origin,
    ).toBe('http://internal-node-7:3000');
  });

  it('falls back to localhost for a Host that is no host name', () => {
    expect(
      addressOf({
        socket: {} as never,
        headers: { host: 'evil.example/"><script>' },
        url: '/',
      }).origin,
    ).toBe('http://localhost');
  });
});
