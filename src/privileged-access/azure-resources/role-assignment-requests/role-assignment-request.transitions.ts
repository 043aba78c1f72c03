import { Injectable } from '@nestjs/common';
import { Clock } from '../../../clock/clock.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import type { SubStatus } from './role-assignment-request.model.js';
import {
  RoleAssignmentRequestsRepository,
  type Transition,
} from './role-assignment-requests.repository.js';

/** What a transition does beyond moving the request, in its unit of work. */
export interface TransitionEffects {
  /**
   * Why the request can no longer go where it was headed, looked up before the move: it is
   * then closed in that sub-status instead, and `afterwards` does not run.
   */
  readonly failure?: () => Promise<SubStatus | undefined>;
  /** What the move grants or changes (provisioning), once it happened; a throw undoes all. */
  readonly afterwards?: () => Promise<void>;
}

/**
 * Every move of a request (cancel, approve, deny, updateRequest, each scheduler step) is one
 * unit of work: the conditional move, its audit record stamped once the request's row is held,
 * and its effects, all committed together or not at all.
 */
@Injectable()
export class RoleAssignmentRequestTransitions {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns the sub-status the request had, or undefined when no request of the tenant was in
   * one the transition starts from (nothing changed).
   */
  apply(
    transition: Transition,
    effects: TransitionEffects = {},
  ): Promise<SubStatus | undefined> {
    return this.unitOfWork.run(async () => {
      const failure = await effects.failure?.();
      const target: Transition = failure
        ? { ...transition, toStatus: 'Closed', toSubStatus: failure }
        : transition;
      const previous = await this.requests.moveSubStatus(target);
      if (previous === undefined) {
        return undefined;
      }
      await this.requests.insertAuditEvent({
        tenantId: target.tenantId,
        requestId: target.requestId,
        fromSubStatus: previous,
        toSubStatus: target.toSubStatus,
        ...target.audit,
        // Read now that the move holds the request's row, not when the caller began: a change
        // that waited for another's is stamped after it.
        occurredDateTime: this.clock.now(),
      });
      if (!failure) {
        await effects.afterwards?.();
      }
      return previous;
    });
  }
}
