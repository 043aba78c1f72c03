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
import {
  RoleAssignmentRequestsRepository,
  type RequestSelection,
} from './role-assignment-requests.repository.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import type { RequestPlace } from './role-assignment-request.model.js';
import { RoleAssignmentsRepository } from '../role-assignments/role-assignments.repository.js';
import { RoleSettingsRepository } from '../role-settings/role-settings.repository.js';
import {
  type ApprovalRoute,
  approvalRoutesOf,
} from './creation/role-assignment-request.policy.js';

/** A list of requests on some resources, and the resource whose administrators may see it all. */
export interface RequestListing extends Omit<
  RequestSelection,
  'resourceIds' | 'awaitingApproval'
> {
  readonly resourceIds: readonly string[];
  /** The resource the list is asked at, if any: its administrators see every request. */
  readonly askedAt?: string;
  /** Only the requests waiting for this approver's decision. */
  readonly approverId?: string;
}

@Injectable()
export class RoleAssignmentRequestsService {
  constructor(
    private readonly repository: RoleAssignmentRequestsRepository,
    private readonly transitions: RoleAssignmentRequestTransitions,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly settings: RoleSettingsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * A request the caller may see: applications with the permission and PIM administrators see
   * every request of the tenant; a user, its requestor, its subject and the Owners and User
   * Access Administrators of its resource. Another tenant's request does not exist for them,
   * nor does one that is not in the place the caller looks.
   */
  async visibleTo(
    caller: Principal,
    id: string,
    place?: RequestPlace,
  ): Promise<RoleAssignmentRequestEntity> {
    const request = await this.found(caller, id, place);
    if (
      actsOnlyAsUser(caller) &&
      (await this.repository.accessOf(caller.tenantId, request.id, {
        userId: caller.actorId,
        at: this.clock.now(),
      })) !== 'allowed'
    ) {
      throw new NotPermittedError();
    }
    return request;
  }

  /**
   * A page of requests: a user sees the requests for them or by them anywhere, and all of those
   * on a resource they administer (where the list is asked); anything else is refused.
   */
  async list(
    caller: Principal,
    listing: RequestListing,
  ): Promise<RoleAssignmentRequestEntity[]> {
    const ownOnly =
      listing.subjectId === caller.actorId ||
      listing.requestorId === caller.actorId ||
      listing.approverId === caller.actorId;
    if (
      actsOnlyAsUser(caller) &&
      !ownOnly &&
      !(
        listing.askedAt !== undefined &&
        (await this.assignments.administers(
          caller.tenantId,
          listing.askedAt,
          caller.actorId,
          this.clock.now(),
        ))
      )
    ) {
      throw new NotPermittedError();
    }
    if (listing.approverId === undefined) {
      return this.repository.select(caller.tenantId, listing);
    }
    const routes = await this.approvalRoutes(caller, listing);
    return routes.length === 0
      ? []
      : this.repository.select(caller.tenantId, {
          ...listing,
          awaitingApproval: { approverId: listing.approverId, routes },
        });
  }

  /** Where the listing's approver decides, among the roles of its resources: a user only. */
  private async approvalRoutes(
    caller: Principal,
    listing: RequestListing,
  ): Promise<ApprovalRoute[]> {
    if (caller.kind !== 'delegated' || listing.approverId === undefined) {
      return [];
    }
    return approvalRoutesOf(
      listing.approverId,
      listing.assignmentState,
      await this.settings.ofResources(caller.tenantId, listing.resourceIds),
    );
  }

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
    place?: RequestPlace,
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
      within: place,
      by: { caller, httpRequest },
    });
    if (previous !== undefined) {
      return;
    }
    if (place) {
      await this.found(caller, requestId, place);
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

  /** The tenant's request of that id, if it is in the place the caller looks. */
  private async found(
    caller: Principal,
    id: string,
    place?: RequestPlace,
  ): Promise<RoleAssignmentRequestEntity> {
    const requestId = normalizeGuid(id);
    const request =
      requestId &&
      (await (place
        ? this.repository.findAt(caller.tenantId, requestId, place)
        : this.repository.findInTenant(caller.tenantId, requestId)));
    if (!request) {
      throw new RoleAssignmentRequestNotFoundError();
    }
    return request;
  }
}
