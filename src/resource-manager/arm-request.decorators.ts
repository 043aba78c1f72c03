import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { nodeRequestOf, nodeResponseOf } from '../http/node-http.js';
import { armScopeOf } from './arm-address.js';
import { type ArmRequestIds, assignArmRequestIds } from './arm-request-ids.js';

/** The ARM scope the call addressed (`/subscriptions/{id}/…`, or '' at the root). */
export const ArmScope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    armScopeOf(nodeRequestOf(context.switchToHttp().getRequest())),
);

/** The ids of the current Resource Manager call, as its audit records keep them. */
export const CurrentArmRequestIds = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ArmRequestIds => {
    const http = context.switchToHttp();
    return assignArmRequestIds(
      nodeRequestOf(http.getRequest()),
      nodeResponseOf(http.getResponse()),
    );
  },
);
