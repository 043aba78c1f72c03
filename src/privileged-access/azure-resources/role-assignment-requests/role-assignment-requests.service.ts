import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/principal.js';
import { NotPermittedError } from '../../../errors/not-permitted.error.js';
import { Clock } from '../../../clock/clock.js';
import { normalizeGuid } from '../../../values/guid.js';
import type { RequestIds } from '../../../values/request-ids.js';
import {
  RequestCannotBeCancelledError,
  RoleAssignmentRequestNotFoundError,
} from './role-assignment-request.errors.js';
import { actsOnlyAsUser } from '../pim-administrators.js';
import { RoleAssignmentRequestTransitions } from './role-assignment-request.transitions.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

@Injectable()
export class RoleAssignmentRequestsService {
  constructor(
    private readonly repository: RoleAssignmentRequestsRepository,
    private readonly transitions: RoleAssignmentRequestTransitions,
    private readonly clock: Clock,
  ) {}

  /**
   * The id of a request whose audit events the caller may read: its administrators, that is
   * applications with the permission, PIM administrators, and the Owners and User Access
   * Administrators of its resource. Its requestor and subject are not administrators: 403.
   */
  async auditReadableBy(caller: Principal, id: string): Promise<string> {
    const requestId = normalizeGuid(id);
    const access =
      requestId &&
      (await this.repository.accessOf(caller.tenantId, requestId, {
        userId: caller.actorId,
        at: this.clock.now(),
        administratorsOnly: true,
      }));
    if (!access || access === 'no-such-request') {
      throw new RoleAssignmentRequestNotFoundError();
    }
    if (access === 'denied' && actsOnlyAsUser(caller)) {
      throw new NotPermittedError();
    }
    return requestId;
  }

  /**
   * Cancels a request the caller may cancel: applications with the permission, PIM
   * administrators (Privileged Role or Global Administrator in `wids`), and otherwise the
   * requestor, the subject, or an Owner or User Access Administrator of the request's resource.
   * Anyone else of the tenant gets 403; another tenant's request does not exist for the caller.
   */
  async cancel(
    caller: Principal,
    id: string,
    httpRequest: RequestIds,
  ): Promise<void> {
    const requestId = normalizeGuid(id);
    if (!requestId) {
      throw new RoleAssignmentRequestNotFoundError();
    }
    const now = this.clock.now();
    const onlyFor = actsOnlyAsUser(caller)
      ? { userId: caller.actorId, at: now }
      : undefined;
    const previous = await this.transitions.take('Cancel', {
      tenantId: caller.tenantId,
      requestId,
      onlyFor,
      by: { caller, httpRequest },
    });
    if (previous !== undefined) {
      return;
    }
    // Nothing changed: tell why only now, after the conditional update decided, so the answer
    // never races with another cancel. Not allowed comes before not cancellable: a caller who
    // may not act on a request learns nothing of its state.
    const access = await this.repository.accessOf(
      caller.tenantId,
      requestId,
      onlyFor ?? { userId: caller.actorId, at: now },
    );
    if (access === 'no-such-request') {
      throw new RoleAssignmentRequestNotFoundError();
    }
    if (onlyFor && access === 'denied') {
      throw new NotPermittedError();
    }
    throw new RequestCannotBeCancelledError();
  }
}
