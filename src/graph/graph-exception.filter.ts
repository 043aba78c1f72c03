import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config.js';
import { DependencyFailures } from '../errors/dependency-failures.js';
import { DomainError } from '../errors/domain-error.js';
import {
  describeForLog,
  frameworkStatusOf,
} from '../logging/describe-for-log.js';
import { routePatternOf } from '../logging/request-log.js';
import { GraphError } from './graph-error.js';
import { graphErrorBody } from './graph-error-body.js';
import { graphErrorOf } from './graph-error-registry.js';
import {
  GeneralError,
  RequestEntityTooLargeError,
  ServiceUnavailableError,
} from './graph-errors.js';
import { nodeRequestOf, nodeResponseOf } from '../http/node-http.js';
import { assignRequestIds } from './request-ids.js';
import { RouteCatalog } from './route-catalog.js';
// Words the access layer's refusals, which any route may answer, before any is answered.
import './auth.graph-errors.js';

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
    private readonly config: AppConfig,
    private readonly dependencies: DependencyFailures,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = nodeRequestOf(http.getRequest());
    const response: unknown = http.getResponse();
    const ids = assignRequestIds(request, nodeResponseOf(response));
    const error = this.toGraphError(exception, request);
    if (error.status >= 500) {
      const call = `${request.method} ${routePatternOf(http.getRequest()) ?? '(no route)'}`;
      if (error.failsTheService) {
        this.logger.error(
          `${call} failed${unwordedNote(exception)} (request-id ${ids.requestId})`,
          describeForLog(exception),
        );
      } else {
        this.logger.warn(
          `${call} answered ${error.status} ${error.code} on purpose (request-id ${ids.requestId})`,
        );
      }
    }
    if (nodeResponseOf(response).headersSent) {
      nodeResponseOf(response).destroy();
      return;
    }
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(error.headers)) {
      adapter.setHeader(response, name, value);
    }
    adapter.reply(response, graphErrorBody(error, ids), error.status);
  }

  private toGraphError(
    exception: unknown,
    request: IncomingMessage,
  ): GraphError {
    if (exception instanceof GraphError) {
      return exception;
    }
    // A refusal of the domain that no module worded for Graph is a bug: answered as one.
    if (exception instanceof DomainError) {
      return graphErrorOf(exception) ?? new GeneralError();
    }
    // Our handlers never throw Nest's NotFoundException: it comes from the router, for a
    // request no route matched.
    if (exception instanceof NotFoundException) {
      return this.routes.explainUnmatched(
        request.method ?? 'GET',
        request.url ?? '/',
      );
    }
    if (this.dependencies.isUnavailable(exception)) {
      return new ServiceUnavailableError({ cause: exception });
    }
    // Nest's HttpExceptions, and errors of the HTTP layer beneath Nest (a malformed URL, a body
    // over the limit), carry a status; the latter's messages are not ours to show.
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : frameworkStatusOf(exception);
    if (status === 413) {
      return new RequestEntityTooLargeError(this.config.maxRequestBodyBytes);
    }
    if (status === 503) {
      return new ServiceUnavailableError();
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return new FrameworkHttpError(
        status,
        exception instanceof HttpException
          ? exception.message
          : 'The request is malformed.',
      );
    }
    return new GeneralError();
  }
}

// Graph codes for the statuses framework exceptions can carry.
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

/** Why a domain refusal became a 500, for the server log. */
function unwordedNote(exception: unknown): string {
  return exception instanceof DomainError && !graphErrorOf(exception)
    ? `: ${exception.name} has no Graph wording (see its module's *.graph-errors.ts)`
    : '';
}
