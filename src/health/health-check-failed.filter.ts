import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * A failed check answers 503 with terminus' own report (`status`, and under `error` each check
 * that failed), not a Graph error: the health routes are not part of Graph, and monitors and
 * load balancers read this shape.
 */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .code(503)
      .header('Cache-Control', 'no-cache, no-store, must-revalidate')
      .type('application/json; charset=utf-8')
      .send(exception.getResponse());
  }
}
