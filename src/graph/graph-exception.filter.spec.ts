import { jest } from '@jest/globals';
import {
  type ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { DependencyFailures } from '../errors/dependency-failures.js';
import { DomainError } from '../errors/domain-error.js';
import { GraphError } from './graph-error.js';
import { registerGraphWordings } from './graph-error-registry.js';
import type { AppConfig } from '../config/app-config.js';
import type { GraphErrorBody } from './graph-error-body.js';
import { GraphExceptionFilter } from './graph-exception.filter.js';
import {
  MethodNotAllowedError,
  SegmentNotFoundError,
  ServiceUnavailableError,
} from './graph-errors.js';
import type { RouteCatalog } from './route-catalog.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOW = new Date('2026-11-28T14:57:30.987Z');

/** The dependencies as the database layer judges them, reduced to a locked SQLite file. */
const LOCKED_DATABASE_IS_UNAVAILABLE: DependencyFailures = {
  isUnavailable: (error) =>
    (error as { driverError?: { code?: string } } | null)?.driverError?.code ===
    'SQLITE_BUSY',
};

class QuotaExceededError extends GraphError {
  constructor() {
    super(429, 'TooManyRequests', 'Too many requests, slow down.', {
      'Retry-After': '30',
    });
  }
}

class RequestNotFoundError extends GraphError {
  constructor() {
    super(
      400,
      'RoleAssignmentRequestNotFound',
      'The governanceRoleAssignmentRequest does not exist in system.',
    );
  }
}

class WidgetNotFoundError extends DomainError {
  constructor() {
    super('WidgetNotFound', 'The widget does not exist.');
  }
}

class WidgetForgottenError extends DomainError {
  constructor() {
    super('WidgetForgotten', 'No surface worded this refusal.');
  }
}

registerGraphWordings(
  { WidgetNotFoundError },
  {
    WidgetNotFoundError: () => ({
      status: 400,
      message: 'The widget does not exist in system.',
    }),
  },
);

interface Reply {
  body: GraphErrorBody;
  status: number | undefined;
}

/** One call through the filter with fakes that record what it does to the response. */
function harness(
  request: { method?: string; url?: string; headers?: object } = {},
) {
  const replies: Reply[] = [];
  const adapterHeaders: Record<string, string> = {};
  const responseHeaders: Record<string, string> = {};
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      responseHeaders[name.toLowerCase()] = value;
    },
    destroy: jest.fn(),
  };
  const adapterHost = {
    httpAdapter: {
      reply(target: unknown, body: unknown, status?: number) {
        expect(target).toBe(response);
        replies.push({ body: body as GraphErrorBody, status });
      },
      setHeader(target: unknown, name: string, value: string) {
        expect(target).toBe(response);
        adapterHeaders[name] = value;
      },
    },
  } as unknown as HttpAdapterHost;
  const unmatched: { method: string; url: string }[] = [];
  const routes = {
    explainUnmatched(method: string, url: string) {
      unmatched.push({ method, url });
      return url.includes('/cancel')
        ? new MethodNotAllowedError(method, ['POST'])
        : new SegmentNotFoundError('foo');
    },
  } as unknown as RouteCatalog;
  const incoming = {
    method: 'GET',
    url: '/beta/foo',
    headers: {},
    ...request,
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => incoming,
      getResponse: () => response,
      getNext: () => undefined,
    }),
  } as unknown as ArgumentsHost;
  const config = { maxRequestBodyBytes: 4096 } as AppConfig;
  const filter = new GraphExceptionFilter(
    adapterHost,
    routes,
    config,
    LOCKED_DATABASE_IS_UNAVAILABLE,
  );
  return {
    response,
    replies,
    adapterHeaders,
    responseHeaders,
    unmatched,
    catch: (exception: unknown) => filter.catch(exception, host),
    /** The only reply, asserted to be the only one. */
    reply(): Reply {
      expect(replies).toHaveLength(1);
      return replies[0];
    },
  };
}

describe('GraphExceptionFilter', () => {
  let loggedErrors: unknown[][];

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] });
    loggedErrors = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((...args: unknown[]) => {
        loggedErrors.push(args);
      });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('renders a GraphError subclass as the exact Graph payload, with the ids of the response headers', () => {
    const call = harness({ headers: { 'client-request-id': 'my-trace-42' } });

    call.catch(new RequestNotFoundError());

    const { body, status } = call.reply();
    expect(status).toBe(400);
    const requestId = call.responseHeaders['request-id'];
    expect(requestId).toMatch(GUID);
    expect(call.responseHeaders['client-request-id']).toBe('my-trace-42');
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        error: {
          code: 'RoleAssignmentRequestNotFound',
          message:
            'The governanceRoleAssignmentRequest does not exist in system.',
          innerError: {
            date: '2026-11-28T14:57:30',
            'request-id': requestId,
            'client-request-id': 'my-trace-42',
          },
        },
      }),
    );
    expect(loggedErrors).toHaveLength(0);
  });

  it('answers a domain error in its registered Graph wording', () => {
    const call = harness();

    call.catch(new WidgetNotFoundError());

    const { body, status } = call.reply();
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        error: {
          code: 'WidgetNotFound',
          message: 'The widget does not exist in system.',
          innerError: {
            date: '2026-11-28T14:57:30',
            'request-id': call.responseHeaders['request-id'],
            'client-request-id': call.responseHeaders['request-id'],
          },
        },
      }),
    );
    expect(call.adapterHeaders).toEqual({});
    expect(loggedErrors).toHaveLength(0);
  });

  it('answers a domain error without a Graph wording as an unexpected error: 500 generalException, logged as one', () => {
    const error = new WidgetForgottenError();
    const call = harness({ method: 'GET', url: '/beta/widgets/1' });

    call.catch(error);

    const { status, body } = call.reply();
    expect(status).toBe(500);
    expect(body.error).toMatchObject({
      code: 'generalException',
      message: 'An unexpected error occurred while processing the request.',
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain('WidgetForgotten');
    expect(text).not.toContain('No surface worded');
    expect(loggedErrors).toHaveLength(1);
    expect(String(loggedErrors[0][0])).toContain(
      'WidgetForgottenError has no Graph wording',
    );
    expect(loggedErrors[0][1]).toBe(error.stack);
  });

  it('uses the request-id as client-request-id when the client sent none', () => {
    const call = harness();

    call.catch(new RequestNotFoundError());

    const { innerError } = call.reply().body.error;
    expect(innerError['request-id']).toMatch(GUID);
    expect(innerError['client-request-id']).toBe(innerError['request-id']);
    expect(call.responseHeaders['client-request-id']).toBe(
      innerError['request-id'],
    );
  });

  it('gives each request its own request-id', () => {
    const first = harness();
    const second = harness();

    first.catch(new RequestNotFoundError());
    second.catch(new RequestNotFoundError());

    expect(first.responseHeaders['request-id']).not.toBe(
      second.responseHeaders['request-id'],
    );
  });

  it('sets the extra headers a GraphError carries', () => {
    const call = harness();

    call.catch(new QuotaExceededError());

    expect(call.reply()).toMatchObject({
      status: 429,
      body: { error: { code: 'TooManyRequests' } },
    });
    expect(call.adapterHeaders).toEqual({ 'Retry-After': '30' });
  });

  it("asks the route catalog to explain Nest's NotFoundException (no route matched)", () => {
    const call = harness({
      method: 'GET',
      url: '/beta/privilegedAccess/azureResources/roleAssignmentRequests/1/cancel?x=1',
    });

    call.catch(new NotFoundException('Cannot GET /beta/…'));

    expect(call.unmatched).toEqual([
      {
        method: 'GET',
        url: '/beta/privilegedAccess/azureResources/roleAssignmentRequests/1/cancel?x=1',
      },
    ]);
    expect(call.reply()).toMatchObject({
      status: 405,
      body: { error: { code: 'MethodNotAllowed' } },
    });
    expect(call.adapterHeaders).toEqual({ Allow: 'POST' });
  });

  it('renders an unknown segment explained by the route catalog as 400 BadRequest', () => {
    const call = harness({ method: 'POST', url: '/beta/foo' });

    call.catch(new NotFoundException());

    expect(call.reply()).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: "Resource not found for the segment 'foo'.",
        },
      },
    });
  });

  it.each([
    [
      new UnauthorizedException('No token.'),
      401,
      'InvalidAuthenticationToken',
      'No token.',
    ],
    [new ForbiddenException('Nope.'), 403, 'AccessDenied', 'Nope.'],
    [
      new BadRequestException('The id is odd.'),
      400,
      'BadRequest',
      'The id is odd.',
    ],
    [
      new PayloadTooLargeException('Too big.'),
      413,
      'RequestEntityTooLarge',
      'The request body is larger than the limit of 4096 bytes.',
    ],
  ])(
    "maps Nest's %p to its status and a Graph code",
    (exception, status, code, message) => {
      const call = harness();

      call.catch(exception);

      expect(call.reply()).toMatchObject({
        status,
        body: { error: { code, message } },
      });
      expect(call.unmatched).toHaveLength(0);
    },
  );

  it("turns Nest's ServiceUnavailableException into 503 serviceNotAvailable with Retry-After", () => {
    const call = harness();

    call.catch(new ServiceUnavailableException('pool exhausted'));

    expect(call.reply()).toMatchObject({
      status: 503,
      body: { error: { code: 'serviceNotAvailable' } },
    });
    expect(call.reply().body.error.message).not.toContain('pool');
    expect(call.adapterHeaders['Retry-After']).toMatch(/^\d+$/);
  });

  it("hides the message of Nest's 5xx exceptions", () => {
    const call = harness();

    call.catch(new InternalServerErrorException('secret internals'));

    const { status, body } = call.reply();
    expect(status).toBe(500);
    expect(body.error.code).toBe('generalException');
    expect(JSON.stringify(body)).not.toContain('secret internals');
  });

  it('turns an unknown Error into 500 generalException with a generic message, and logs it with the request id', () => {
    const error = new Error('SELECT * FROM role_assignment_requests failed');
    const call = harness({ method: 'GET', url: '/beta/x' });

    call.catch(error);

    const { status, body } = call.reply();
    expect(status).toBe(500);
    expect(body.error.code).toBe('generalException');
    expect(body.error.message).toBe(
      'An unexpected error occurred while processing the request.',
    );
    const text = JSON.stringify(body);
    expect(text).not.toContain('SELECT');
    expect(text).not.toContain('role_assignment_requests');
    expect(text).not.toContain(error.stack!.split('\n')[1].trim());
    expect(Object.keys(body.error)).toEqual(['code', 'message', 'innerError']);
    expect(call.adapterHeaders).toEqual({});
    expect(loggedErrors).toHaveLength(1);
    expect(String(loggedErrors[0][0])).toContain(
      body.error.innerError['request-id'],
    );
    expect(loggedErrors[0][1]).toBe(error.stack);
  });

  it.each([
    ['a thrown string', 'kaboom'],
    ['null', null],
    ['a plain object', { message: 'internal detail' }],
  ])('turns %s into 500 generalException', (_case, thrown) => {
    const call = harness();

    call.catch(thrown);

    const { status, body } = call.reply();
    expect(status).toBe(500);
    expect(body.error.code).toBe('generalException');
    expect(JSON.stringify(body)).not.toContain('kaboom');
    expect(JSON.stringify(body)).not.toContain('internal detail');
  });

  it('turns a failure its dependencies call unavailable (a locked database) into 503 serviceNotAvailable with Retry-After, telling nothing of it', () => {
    const driverError = Object.assign(new Error('database is locked'), {
      code: 'SQLITE_BUSY',
    });
    const call = harness();

    call.catch(
      new QueryFailedError(
        'UPDATE "role_assignment_requests" SET "status" = ?',
        ['Closed'],
        driverError,
      ),
    );

    const { status, body } = call.reply();
    expect(status).toBe(503);
    expect(body.error.code).toBe('serviceNotAvailable');
    expect(call.adapterHeaders['Retry-After']).toMatch(/^[1-9]\d*$/);
    const text = JSON.stringify(body);
    expect(text).not.toContain('locked');
    expect(text).not.toContain('role_assignment_requests');
  });

  it('logs what lies beneath a 503, which the client never sees', () => {
    const call = harness();

    call.catch(
      new ServiceUnavailableError({
        cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
      }),
    );

    expect(call.reply().body.error.message).not.toContain('ECONNREFUSED');
    expect(loggedErrors).toHaveLength(1);
    expect(String(loggedErrors[0][1])).toContain(
      'Caused by: Error: connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('turns any other QueryFailedError (a broken statement) into 500 generalException', () => {
    const driverError = Object.assign(
      new Error('no such table: role_assignment_requests'),
      { code: 'SQLITE_ERROR' },
    );
    const call = harness();

    call.catch(
      new QueryFailedError(
        'SELECT * FROM role_assignment_requests',
        [],
        driverError,
      ),
    );

    const { status, body } = call.reply();
    expect(status).toBe(500);
    expect(body.error.code).toBe('generalException');
    expect(JSON.stringify(body)).not.toContain('role_assignment_requests');
    expect(call.adapterHeaders).toEqual({});
  });

  it('answers a client error of the HTTP layer beneath Nest (a malformed URL) with 400 BadRequest', () => {
    const call = harness();

    call.catch(
      Object.assign(new URIError('URI malformed at internal.js:1'), {
        status: 400,
      }),
    );

    const { status, body } = call.reply();
    expect(status).toBe(400);
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.message).not.toContain('internal.js');
  });

  it('closes the connection instead of replying when the response has already started', () => {
    const call = harness();
    call.response.headersSent = true;

    call.catch(new Error('failed mid-stream'));

    expect(call.replies).toHaveLength(0);
    expect(call.response.destroy).toHaveBeenCalledTimes(1);
    expect(loggedErrors).toHaveLength(1);
  });
});
