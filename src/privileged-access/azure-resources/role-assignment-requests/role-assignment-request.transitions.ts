import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { UnitOfWork } from '../../../database/unit-of-work.js';
import type { RequestIds } from '../../../values/request-ids.js';
import {
  type RequestPlace,
  SCHEDULER_ACTOR_ID,
  type SubStatus,
} from './role-assignment-request.model.js';
import {
  type OutcomeFacts,
  outcomeOf,
  type Provisioning,
  TRANSITION_TABLE,
  type TransitionName,
  type TransitionRow,
} from './role-assignment-request.transition-table.js';
import {
  RoleAssignmentRequestsRepository,
  type Transition,
  type TransitionAudit,
  type UserActor,
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

/** A caller's call that takes a transition, as its audit record names it. */
export interface CallerAct {
  readonly caller: Principal;
  readonly httpRequest: RequestIds;
  readonly reason?: string | null;
}

/**
 * How the taker does the provisioning its row's outcome names, and, for a row that checks it
 * first, why it can no longer be done.
 */
export type ProvisioningWork = Partial<
  Record<Exclude<Provisioning, 'none'>, () => Promise<void>>
> & { readonly failure?: () => Promise<SubStatus | undefined> };

export interface Move {
  readonly tenantId: string;
  readonly requestId: string;
  /** When set, the move happens only if this user may act on the request. */
  readonly onlyFor?: UserActor;
  /** When set, the move happens only to a request in that place. */
  readonly within?: RequestPlace;
  /** Who takes it: a caller, or the scheduler for its rows. */
  readonly by: CallerAct | 'scheduler';
  /** What the row's conditional outcomes are decided on. */
  readonly facts?: OutcomeFacts;
  readonly work?: ProvisioningWork;
}

const SCHEDULER_AUDIT = {
  actorId: SCHEDULER_ACTOR_ID,
  actorType: 'Scheduler',
  httpRequestId: SCHEDULER_ACTOR_ID,
  clientRequestId: SCHEDULER_ACTOR_ID,
  api: null,
} as const;

/**
 * Every move of a request (cancel, approve, deny, updateRequest, each scheduler step) is a row
 * of TRANSITION_TABLE taken in one unit of work: the conditional move, its audit record stamped
 * once the request's row is held, and its effects, all committed together or not at all.
 */
@Injectable()
export class RoleAssignmentRequestTransitions {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes the named transition: its row says from where, to where, and what provisioning
   * `move.work` must do. Returns the sub-status the request had, or undefined when no request
   * of the tenant was in one the row starts from (nothing changed).
   */
  take(name: TransitionName, move: Move): Promise<SubStatus | undefined> {
    const row: TransitionRow = TRANSITION_TABLE[name];
    const outcome = outcomeOf(row, move.facts);
    const [toStatus, toSubStatus] = outcome.to;
    return this.apply(
      {
        tenantId: move.tenantId,
        requestId: move.requestId,
        onlyFor: move.onlyFor,
        within: move.within,
        fromSubStatuses: row.from,
        toStatus,
        toSubStatus,
        audit: auditOf(row, move.by),
      },
      {
        failure: row.unlessProvisioningFailed ? move.work?.failure : undefined,
        afterwards: workFor(outcome.provisioning, move.work),
      },
    );
  }

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

function auditOf(
  row: TransitionRow,
  by: CallerAct | 'scheduler',
): TransitionAudit {
  if ((by === 'scheduler') !== (row.by === 'scheduler')) {
    throw new Error(`The ${row.action} transition is taken by ${row.by}`);
  }
  if (by === 'scheduler') {
    return { action: row.action, ...SCHEDULER_AUDIT };
  }
  const { caller, httpRequest, reason } = by;
  return {
    action: row.action,
    actorId: caller.actorId,
    actorType: caller.kind === 'delegated' ? 'User' : 'Application',
    httpRequestId: httpRequest.requestId,
    clientRequestId: httpRequest.clientRequestId,
    api: httpRequest.api ?? null,
    // Absent unless given: an audit record without one stores no reason.
    ...(reason === undefined ? {} : { reason }),
  };
}

function workFor(
  provisioning: Provisioning,
  work: ProvisioningWork | undefined,
): (() => Promise<void>) | undefined {
  if (provisioning === 'none') {
    return undefined;
  }
  const provision = work?.[provisioning];
  if (!provision) {
    throw new Error(`Nothing given to ${provisioning} the assignment`);
  }
  return provision;
}
