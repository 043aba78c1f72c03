import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestIds, type RequestIds } from './request-ids.js';

/** The `request-id` and `client-request-id` of the current HTTP call. */
export const CurrentRequestIds = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestIds => {
    const http = context.switchToHttp();
    return assignRequestIds(
      http.getRequest<IncomingMessage>(),
      http.getResponse<ServerResponse>(),
    );
  },
);
