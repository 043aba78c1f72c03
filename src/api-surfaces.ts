import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphExceptionFilter } from './graph/graph-exception.filter.js';
import { assignRequestIds } from './graph/request-ids.js';
import { RequestShapeGuard } from './graph/request-shape.guard.js';
import { nodeRequestOf } from './http/node-http.js';
import type { RequestCheck } from './request-pipeline.js';
import { isArmRequest } from './resource-manager/arm-address.js';
import { ArmExceptionFilter } from './resource-manager/arm-exception.filter.js';
import { ArmRequestGuard } from './resource-manager/arm-request.guard.js';
import { assignArmRequestIds } from './resource-manager/arm-request-ids.js';

// The two API surfaces meet only here: a request belongs to Azure Resource Manager when it came
// to a `…/providers/Microsoft.Authorization/…` address (arm-address.ts), to Graph otherwise.

/** Gives a request the ids of its API, on its response headers, before anything can fail. */
export function assignSurfaceRequestIds(
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (isArmRequest(request)) {
    assignArmRequestIds(request, response);
  } else {
    assignRequestIds(request, response);
  }
}

/** Every failure is answered by the filter of the request's API, unmatched routes included. */
@Injectable()
@Catch()
export class SurfaceExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly graph: GraphExceptionFilter,
    private readonly resourceManager: ArmExceptionFilter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = nodeRequestOf(host.switchToHttp().getRequest());
    const filter = isArmRequest(request) ? this.resourceManager : this.graph;
    filter.catch(exception, host);
  }
}

/** The request-shape check of the request's API: Graph's query options and body, ARM's api-version. */
@Injectable()
export class SurfaceRequestShapeCheck implements RequestCheck {
  constructor(
    private readonly graph: RequestShapeGuard,
    private readonly resourceManager: ArmRequestGuard,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = nodeRequestOf(context.switchToHttp().getRequest());
    return isArmRequest(request)
      ? this.resourceManager.canActivate(context)
      : this.graph.canActivate(context);
  }
}
