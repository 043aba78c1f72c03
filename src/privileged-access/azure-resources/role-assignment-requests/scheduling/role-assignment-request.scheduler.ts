import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../../../../clock/clock.js';
import { AppConfig } from '../../../../config/app-config.js';
import { RoleAssignmentsRepository } from '../../role-assignments/role-assignments.repository.js';
import { RoleAssignmentProvisioning } from '../role-assignment-request.provisioning.js';
import {
  TRANSITION_TABLE,
  type TransitionName,
  type TransitionRow,
} from '../role-assignment-request.transition-table.js';
import { RoleAssignmentRequestTransitions } from '../role-assignment-request.transitions.js';
import {
  type DueBy,
  RoleAssignmentRequestsRepository,
} from '../role-assignment-requests.repository.js';

/** Rows one run looks at, per kind of work: the next run takes the rest. */
const BATCH = 500;

/** The steps of staged processing, last stage first: a request moves at most one step per run. */
const STAGED_STEPS: readonly TransitionName[] = [
  'FinishProvisioning',
  'StartProvisioning',
  'QueueProvisioning',
  'Revoke',
  'Evaluate',
  'StartEvaluation',
];

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
    let advanced = 0;
    for (const name of STAGED_STEPS) {
      advanced += await this.step(name, now);
    }
    const run = {
      advanced,
      provisioned: await this.step('ProvisionDue', now),
      revoked: await this.endExpired(now),
      timedOut: await this.step('TimeOut', now),
    };
    this.logger.debug(
      `The scheduler ran at ${now.toISOString()}: ${JSON.stringify(run)}`,
    );
    return run;
  }

  /**
   * Takes the named transition for every request its row finds due; what they grant or remove
   * is written in the same transaction, unless the row checks first that it still can be.
   */
  private async step(name: TransitionName, now: Date): Promise<number> {
    const row: TransitionRow = TRANSITION_TABLE[name];
    const processing = this.config.lifecycle.processing;
    if (row.processing && row.processing !== processing) {
      return 0;
    }
    const rows = await this.requests.inSubStatuses(
      row.from,
      this.dueBy(row, now),
      BATCH,
    );
    let moved = 0;
    for (const request of rows) {
      const previous = await this.transitions.take(name, {
        tenantId: request.tenantId,
        requestId: request.id,
        by: 'scheduler',
        facts: { request, now, processing },
        work: {
          failure: () => this.provisioning.failureOf(request, now),
          provision: () => this.provisioning.apply(request, now),
        },
      });
      moved += previous === undefined ? 0 : 1;
    }
    return moved;
  }

  private dueBy(row: TransitionRow, now: Date): DueBy {
    switch (row.due) {
      case 'start reached':
        return { property: 'scheduleStartDateTime', limit: now };
      case 'waited past the pending timeout':
        return {
          property: 'requestedDateTime',
          limit: new Date(
            now.getTime() -
              this.config.lifecycle.pendingTimeoutHours * 3_600_000,
          ),
        };
      case undefined:
        return {};
      case 'assignment ended':
        // Its requests are found from their assignments (endExpired), not by sub-status.
        throw new Error(
          `The ${row.action} transition is not a step by sub-status`,
        );
    }
  }

  /** Ends assignments past their end; the request that granted one becomes Revoked. */
  private async endExpired(now: Date): Promise<number> {
    let ended = 0;
    for (const assignment of await this.assignments.endedBy(now, BATCH)) {
      // An assignment is stored under the id of the request that granted it.
      const previous = await this.transitions.take('EndExpired', {
        tenantId: assignment.tenantId,
        requestId: assignment.id,
        by: 'scheduler',
        work: {
          end: async () => {
            await this.assignments.remove(assignment);
          },
        },
      });
      if (
        previous !== undefined ||
        (await this.assignments.remove(assignment))
      ) {
        ended += 1;
      }
    }
    return ended;
  }
}
