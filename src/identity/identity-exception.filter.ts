import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Injectable,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Clock } from '../clock/clock.js';
import { givenRequestIdsOf } from '../http/given-request-ids.js';
import { nodeRequestOf } from '../http/node-http.js';
import { OAuthError } from './oauth-errors.js';

/** Answers a refusal of the identity endpoints as Entra ID does: its OAuth error JSON. */
@Injectable()
@Catch(OAuthError)
export class IdentityExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly clock: Clock,
  ) {}

  catch(exception: OAuthError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const ids = givenRequestIdsOf(nodeRequestOf(http.getRequest()));
    // Entra's own format: `2024-05-01 12:00:00Z`.
    const timestamp = `${this.clock.now().toISOString().slice(0, 19).replace('T', ' ')}Z`;
    const description = [
      exception.message,
      `Trace ID: ${ids.requestId}`,
      `Correlation ID: ${ids.clientRequestId}`,
      `Timestamp: ${timestamp}`,
    ].join('\r\n');
    const response: unknown = http.getResponse();
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.reply(
      response,
      {
        error: exception.error,
        error_description: description,
        error_codes: [exception.code],
        timestamp,
        trace_id: ids.requestId,
        correlation_id: ids.clientRequestId,
      },
      exception.status,
    );
  }
}
