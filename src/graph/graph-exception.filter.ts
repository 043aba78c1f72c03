import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { GraphError } from './graph-error.js';
import {
  BadRequestError,
  GeneralError,
  ServiceUnavailableError,
} from './graph-errors.js';
import { assignRequestIds } from './request-ids.js';
import { RouteCatalog } from './route-catalog.js';

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: {
      date: string;
      'request-id': string;
      'client-request-id': string;
    };
  };
}

/**
 * The one place where failures become HTTP responses: every error, ours or the framework's or
 * an unexpected one, leaves as a Graph error payload with the request ids. Internals never do.
 */
@Catch()
export class GraphExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('GraphExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: RouteCatalog,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const response = http.getResponse<ServerResponse>();
    const ids = assignRequestIds(request, response);
    const error = this.toGraphError(exception, request);
    if (error.status >= 500) {
      this.logger.error(
        `${request.method} ${request.url} failed (request-id ${ids.requestId})`,
        describeForLog(exception),
      );
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(error.headers)) {
      adapter.setHeader(response, name, value);
    }
    const body: GraphErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    };
    adapter.reply(response, body, error.status);
  }

  private toGraphError(
    exception: unknown,
    request: IncomingMessage,
  ): GraphError {
    if (exception instanceof GraphError) {
      return exception;
    }
    // Our handlers never throw Nest's NotFoundException: it comes from the router, for a
    // request no route matched.
    if (exception instanceof NotFoundException) {
      return this.routes.explainUnmatched(
        request.method ?? 'GET',
        request.url ?? '/',
      );
    }
    if (exception instanceof HttpException) {
      return fromFrameworkException(exception);
    }
    if (isDatabaseUnavailable(exception)) {
      return new ServiceUnavailableError({ cause: exception });
    }
    const status = (exception as { status?: unknown } | null)?.status;
    // Errors raised by the HTTP layer beneath Nest (a malformed URL, say) carry their status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return new BadRequestError('The request is malformed.');
    }
    return new GeneralError();
  }
}

// Graph codes for the statuses Nest's own exceptions can carry.
const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  401: 'InvalidAuthenticationToken',
  403: 'AccessDenied',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
};

class FrameworkHttpError extends GraphError {
  constructor(status: number, message: string) {
    super(status, CODES_BY_STATUS[status] ?? 'BadRequest', message);
  }
}

function fromFrameworkException(exception: HttpException): GraphError {
  const status = exception.getStatus();
  if (status === 503) {
    return new ServiceUnavailableError();
  }
  return status < 500
    ? new FrameworkHttpError(status, exception.message)
    : new GeneralError();
}

/** The stack of a failure and of what caused it, for the server log. */
function describeForLog(exception: unknown): string {
  if (!(exception instanceof Error)) {
    return String(exception);
  }
  const own = exception.stack ?? exception.message;
  return exception.cause === undefined
    ? own
    : `${own}\nCaused by: ${describeForLog(exception.cause)}`;
}
