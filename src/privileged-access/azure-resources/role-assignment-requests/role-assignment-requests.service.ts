import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { normalizeGuid } from '../../../graph/guid.js';
import type { RequestIds } from '../../../graph/request-ids.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  RequestCannotBeCancelledError,
  RoleAssignmentRequestNotFoundError,
} from './role-assignment-request.errors.js';
import { CANCELLABLE_SUB_STATUSES } from './role-assignment-request.model.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

@Injectable()
export class RoleAssignmentRequestsService {
  constructor(
    private readonly repository: RoleAssignmentRequestsRepository,
    private readonly clock: Clock,
  ) {}

  /** A request of the caller's tenant; another tenant's request does not exist for the caller. */
  async get(
    caller: Principal,
    id: string,
  ): Promise<RoleAssignmentRequestEntity> {
    const requestId = normalizeGuid(id);
    const request =
      requestId &&
      (await this.repository.findInTenant(caller.tenantId, requestId));
    if (!request) {
      throw new RoleAssignmentRequestNotFoundError();
    }
    return request;
  }

  async cancel(
    caller: Principal,
    id: string,
    httpRequest: RequestIds,
  ): Promise<void> {
    const requestId = normalizeGuid(id);
    if (!requestId) {
      throw new RoleAssignmentRequestNotFoundError();
    }
    const previous = await this.repository.applyTransition({
      tenantId: caller.tenantId,
      requestId,
      fromSubStatuses: CANCELLABLE_SUB_STATUSES,
      toStatus: 'Closed',
      toSubStatus: 'Canceled',
      audit: {
        action: 'Cancel',
        actorId: caller.actorId,
        actorType: caller.kind === 'delegated' ? 'User' : 'Application',
        occurredDateTime: this.clock.now(),
        httpRequestId: httpRequest.requestId,
        clientRequestId: httpRequest.clientRequestId,
      },
    });
    if (previous !== undefined) {
      return;
    }
    // Nothing changed: tell "not there" from "there, but not cancellable" only now, after the
    // conditional update decided, so the answer never races with another cancel.
    if (await this.repository.existsInTenant(caller.tenantId, requestId)) {
      throw new RequestCannotBeCancelledError();
    }
    throw new RoleAssignmentRequestNotFoundError();
  }
}
