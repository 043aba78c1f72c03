import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { nodeRequestOf, nodeResponseOf } from '../http/node-http.js';
import type { RequestIds } from '../values/request-ids.js';
import { assignRequestIds } from './request-ids.js';

/** The `request-id` and `client-request-id` of the current HTTP call. */
export const CurrentRequestIds = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestIds => {
    const http = context.switchToHttp();
    return assignRequestIds(
      nodeRequestOf(http.getRequest()),
      nodeResponseOf(http.getResponse()),
    );
  },
);
