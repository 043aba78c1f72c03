import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../../../clock/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import { RoleAssignmentsRepository } from '../role-assignments/role-assignments.repository.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  type AuditAction,
  evaluatedSubStatus,
  type RequestStatus,
  SCHEDULER_ACTOR_ID,
  type SubStatus,
} from './role-assignment-request.model.js';
import { RoleAssignmentProvisioning } from './role-assignment-request.provisioning.js';
import {
  RoleAssignmentRequestTransitions,
  type TransitionEffects,
} from './role-assignment-request.transitions.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

/** Rows one run looks at, per kind of work: the next run takes the rest. */
const BATCH = 500;

/** What the role's ApprovalRule said when the request was evaluated at its creation. */
function approvalPending(request: RoleAssignmentRequestEntity): boolean {
  return (request.statusDetails ?? []).some(
    (detail) => detail.key === 'ApprovalRule' && detail.value === 'Pending',
  );
}

export interface SchedulerRun {
  /** Requests moved one step through staged processing (evaluation, provisioning, revocation). */
  readonly advanced: number;
  readonly provisioned: number;
  readonly revoked: number;
  readonly timedOut: number;
}

/**
 * The time-driven transitions: a Granted request is provisioned at its start, an assignment
 * ends at its end (its request then Closed/Revoked), and a request left waiting for a decision
 * longer than REQUEST_PENDING_TIMEOUT_HOURS times out. With staged processing, each run also
 * moves every request one step along Graph's intermediate sub-statuses. Each row moves by one
 * conditional UPDATE, so that of several replicas running it at once exactly one moves each
 * row, and a run repeated changes nothing it should not.
 */
@Injectable()
export class RoleAssignmentRequestScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RoleAssignmentRequestScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly transitions: RoleAssignmentRequestTransitions,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly provisioning: RoleAssignmentProvisioning,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.lifecycle.schedulerIntervalSeconds;
    if (seconds > 0) {
      this.timer = setInterval(() => {
        this.runOnce().catch((error: unknown) =>
          this.logger.error('The scheduled run failed', error as Error),
        );
      }, seconds * 1000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async runOnce(): Promise<SchedulerRun> {
    const now = this.clock.now();
    // Staged steps run last stage first: a request moves at most one step per run.
    const advanced = await this.advanceStaged(now);
    const run = {
      advanced,
      provisioned: await this.provisionDue(now),
      revoked: await this.endExpired(now),
      timedOut: await this.timeOutWaiting(now),
    };
    this.logger.debug(
      `The scheduler ran at ${now.toISOString()}: ${JSON.stringify(run)}`,
    );
    return run;
  }

  private async advanceStaged(now: Date): Promise<number> {
    let moved = await this.step(
      ['ProvisioningStarted'],
      () => ['Closed', 'Provisioned'],
      'Provision',
      now,
      { provision: true, due: true },
    );
    moved += await this.step(
      ['PendingProvisioning', 'PendingApprovalProvisioning'],
      () => ['InProgress', 'ProvisioningStarted'],
      'Provision',
      now,
      { due: true },
    );
    if (this.config.lifecycle.processing === 'staged') {
      moved += await this.step(
        ['Granted'],
        () => ['InProgress', 'PendingProvisioning'],
        'Provision',
        now,
        { due: true },
      );
    }
    moved += await this.step(
      ['PendingRevocation'],
      () => ['Closed', 'Revoked'],
      'Revoke',
      now,
      { provision: true },
    );
    moved += await this.step(
      ['PendingEvaluation'],
      (request) => [
        'InProgress',
        evaluatedSubStatus(request.type, approvalPending(request)),
      ],
      'Evaluate',
      now,
    );
    moved += await this.step(
      ['Accepted'],
      () => ['InProgress', 'PendingEvaluation'],
      'Evaluate',
      now,
    );
    return moved;
  }

  /**
   * Moves the requests in `from` (when `due`, only those whose start is reached) to `to`; with
   * `provision`, what they grant or remove is written in the same transaction, unless it can no
   * longer be (then Failed).
   */
  private async step(
    from: readonly SubStatus[],
    to: (request: RoleAssignmentRequestEntity) => [RequestStatus, SubStatus],
    action: AuditAction,
    now: Date,
    options: { provision?: boolean; due?: boolean } = {},
  ): Promise<number> {
    const rows = await this.requests.inSubStatuses(
      from,
      options.due ? { property: 'scheduleStartDateTime', limit: now } : {},
      BATCH,
    );
    let moved = 0;
    for (const request of rows) {
      const done = await this.move(
        request,
        from,
        to(request),
        action,
        options.provision
          ? {
              failure: () => this.provisioning.failureOf(request, now),
              afterwards: () => this.provisioning.apply(request, now),
            }
          : {},
      );
      moved += done ? 1 : 0;
    }
    return moved;
  }

  /** Immediate processing: a Granted request is provisioned when its start is reached. */
  private async provisionDue(now: Date): Promise<number> {
    if (this.config.lifecycle.processing === 'staged') {
      return 0;
    }
    const due = await this.requests.inSubStatuses(
      ['Granted'],
      { property: 'scheduleStartDateTime', limit: now },
      BATCH,
    );
    let moved = 0;
    for (const request of due) {
      const done = await this.move(
        request,
        ['Granted'],
        ['Closed', 'Provisioned'],
        'Provision',
        { afterwards: () => this.provisioning.apply(request, now) },
      );
      moved += done ? 1 : 0;
    }
    return moved;
  }

  /** Ends assignments past their end; the request that granted one becomes Revoked. */
  private async endExpired(now: Date): Promise<number> {
    let ended = 0;
    for (const assignment of await this.assignments.endedBy(now, BATCH)) {
      // An assignment is stored under the id of the request that granted it.
      const revoked = await this.move(
        assignment,
        ['Provisioned', 'AdminApproved'],
        ['Closed', 'Revoked'],
        'Revoke',
        {
          afterwards: async () => {
            await this.assignments.remove(assignment);
          },
        },
      );
      if (revoked || (await this.assignments.remove(assignment))) {
        ended += 1;
      }
    }
    return ended;
  }

  private async timeOutWaiting(now: Date): Promise<number> {
    const cutoff = new Date(
      now.getTime() - this.config.lifecycle.pendingTimeoutHours * 3_600_000,
    );
    const waiting: SubStatus[] = ['PendingApproval', 'PendingAdminDecision'];
    const stale = await this.requests.inSubStatuses(
      waiting,
      { property: 'requestedDateTime', limit: cutoff },
      BATCH,
    );
    let moved = 0;
    for (const request of stale) {
      const done = await this.move(
        request,
        waiting,
        ['Closed', 'TimedOut'],
        'TimeOut',
      );
      moved += done ? 1 : 0;
    }
    return moved;
  }

  private async move(
    request: { tenantId: string; id: string },
    from: readonly SubStatus[],
    to: [RequestStatus, SubStatus],
    action: AuditAction,
    effects: TransitionEffects = {},
  ): Promise<boolean> {
    const previous = await this.transitions.apply(
      {
        tenantId: request.tenantId,
        requestId: request.id,
        fromSubStatuses: from,
        toStatus: to[0],
        toSubStatus: to[1],
        audit: {
          action,
          actorId: SCHEDULER_ACTOR_ID,
          actorType: 'Scheduler',
          httpRequestId: SCHEDULER_ACTOR_ID,
          clientRequestId: SCHEDULER_ACTOR_ID,
        },
      },
      effects,
    );
    return previous !== undefined;
  }
}
