import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { DependencyFailures } from '../errors/dependency-failures.js';
import { ApiError } from '../errors/api-error.js';
import { DomainError } from '../errors/domain-error.js';
import { nodeRequestOf, nodeResponseOf } from '../http/node-http.js';
import {
  describeForLog,
  frameworkStatusOf,
} from '../logging/describe-for-log.js';
import { routePatternOf } from '../logging/request-log.js';
import { armScopeOf } from './arm-address.js';
import { ArmError, armErrorBody } from './arm-error.js';
import { type ArmCall, armErrorOf } from './arm-error-registry.js';
import {
  InternalServerError,
  InvalidRequestContentError,
  InvalidResourceTypeError,
  RequestEntityTooLargeError,
  ServiceUnavailableError,
  UnsupportedHttpMethodError,
} from './arm-errors.js';
import { assignArmRequestIds } from './arm-request-ids.js';
import { apiVersionOf } from './arm-request.guard.js';
import { isServedResourceType } from './resource-manager-controller.decorator.js';
// Words the domain refusals every module shares, before any of them is answered.
import './shared-domain-errors.arm-errors.js';
import './auth.arm-errors.js';

/**
 * Where failures of a Resource Manager call become its response: ARM's envelope and headers,
 * whatever failed (ours, the framework's, the token's, an unexpected one). Internals never leave.
 */
@Injectable()
@Catch()
export class ArmExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ArmExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly dependencies: DependencyFailures,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{
      user?: Principal;
      routeOptions?: { url?: string };
    }>();
    const response: unknown = http.getResponse();
    const ids = assignArmRequestIds(
      nodeRequestOf(request),
      nodeResponseOf(response),
    );
    const error = this.toArmError(exception, nodeRequestOf(request), {
      principal: request.user,
      trackingId: ids.requestId,
    });
    if (error.status >= 500) {
      const call = `${nodeRequestOf(request).method} ${routePatternOf(request) ?? '(no route)'}`;
      if (error.failsTheService) {
        this.logger.error(
          `${call} failed (x-ms-request-id ${ids.requestId})`,
          describeForLog(exception),
        );
      } else {
        this.logger.warn(
          `${call} answered ${error.status} ${error.code} on purpose (x-ms-request-id ${ids.requestId})`,
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
    adapter.reply(response, armErrorBody(error), error.status);
  }

  private toArmError(
    exception: unknown,
    request: IncomingMessage,
    call: { principal?: Principal; trackingId: string },
  ): ArmError {
    if (exception instanceof ArmError) {
      return exception;
    }
    if (exception instanceof DomainError) {
      return (
        armErrorOf(
          exception,
          armCallOf(
            request,
            call.principal,
            this.config.auth.resourceManagerAudiences,
          ),
        ) ?? new InternalServerError(call.trackingId)
      );
    }
    if (exception instanceof NotFoundException) {
      return unmatchedRouteError(request);
    }
    if (this.dependencies.isUnavailable(exception)) {
      return new ServiceUnavailableError(exception);
    }
    return (
      protocolErrorOf(exception, this.config.maxRequestBodyBytes) ??
      new InternalServerError(call.trackingId)
    );
  }
}

/** What ARM's messages name of a call: who made it, which action, over which id. */
export function armCallOf(
  request: IncomingMessage,
  principal: Principal | undefined,
  acceptedAudiences: readonly string[],
): ArmCall {
  const path = (request.url ?? '/').split('?')[0];
  const [resourceType, name, operation] = path
    .split('/')
    .filter(Boolean)
    .slice(2);
  const verb = operation
    ? `${operation}/action`
    : ({ GET: 'read', PUT: 'write', PATCH: 'write', DELETE: 'delete' }[
        request.method ?? 'GET'
      ] ?? 'action');
  return {
    callerId: principal?.actorId ?? '',
    action: `Microsoft.Authorization/${resourceType ?? ''}/${verb}`,
    scope: `${armScopeOf(request)}/providers/Microsoft.Authorization/${[resourceType, name].filter(Boolean).join('/')}`,
    acceptedAudiences,
  };
}

/** No route matched: a resource type not served, or a path or method its routes do not take. */
function unmatchedRouteError(request: IncomingMessage): ArmError {
  const path = (request.url ?? '/').split('?')[0];
  const resourceType = path.split('/').filter(Boolean)[2] ?? '';
  if (!isServedResourceType(resourceType)) {
    const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
    return new InvalidResourceTypeError(
      resourceType,
      apiVersionOf(Object.fromEntries(query)) ?? '',
    );
  }
  return new UnsupportedHttpMethodError(request.method ?? 'GET');
}

/**
 * An error of the HTTP layer (a body too large or unreadable) or a refusal of shared plumbing (a
 * body refused, a fault the emulator injected) carries its status: answered in ARM's envelope.
 */
function protocolErrorOf(
  exception: unknown,
  maxRequestBodyBytes: number,
): ArmError | undefined {
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : frameworkStatusOf(exception);
  if (status === undefined || status < 400) {
    return undefined;
  }
  if (exception instanceof ApiError) {
    return new PassedOnError(exception);
  }
  if (status === 413) {
    return new RequestEntityTooLargeError(maxRequestBodyBytes);
  }
  if (status === 503) {
    return new ServiceUnavailableError(exception);
  }
  // The framework's own messages are not ours to show.
  return status < 500
    ? new InvalidRequestContentError('The request is malformed.')
    : undefined;
}

/** A refusal of shared plumbing (throttling, the request body, injected faults), as it is. */
class PassedOnError extends ArmError {
  override readonly failsTheService: boolean;

  constructor(refusal: ApiError) {
    super(
      refusal.status,
      refusal.code,
      refusal.message,
      refusal.headers,
      refusal,
    );
    this.failsTheService = refusal.failsTheService;
  }
}
