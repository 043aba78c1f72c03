import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../../../clock/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import { DataSource } from 'typeorm';
import { EntitySql } from '../../../database/entity-sql.js';
import { SqlClient, type SqlSession } from '../../../database/sql-client.js';
import { RoleAssignmentEntity } from '../role-assignments/role-assignment.entity.js';
import { RoleAssignmentRequestCreationRepository } from './role-assignment-request-creation.repository.js';
import { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import {
  type AuditAction,
  type RequestStatus,
  SCHEDULER_ACTOR_ID,
  type SubStatus,
} from './role-assignment-request.model.js';
import { RoleAssignmentRequestsRepository } from './role-assignment-requests.repository.js';

/** Rows one run looks at, per kind of work: the next run takes the rest. */
const BATCH = 500;

export interface SchedulerRun {
  readonly provisioned: number;
  readonly revoked: number;
  readonly timedOut: number;
}

/**
 * The time-driven transitions: a Granted request is provisioned at its start, an assignment
 * ends at its end (its request then Closed/Revoked), and a request left waiting for a decision
 * longer than REQUEST_PENDING_TIMEOUT_HOURS times out. Each row moves by one conditional
 * UPDATE, so that of several replicas running it at once exactly one moves each row, and a run
 * repeated changes nothing.
 */
@Injectable()
export class RoleAssignmentRequestScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RoleAssignmentRequestScheduler.name);
  private readonly requestSql: EntitySql<RoleAssignmentRequestEntity>;
  private readonly assignmentSql: EntitySql<RoleAssignmentEntity>;
  private timer?: NodeJS.Timeout;

  constructor(
    dataSource: DataSource,
    private readonly sql: SqlClient,
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly assignments: RoleAssignmentRequestCreationRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.requestSql = new EntitySql(dataSource, RoleAssignmentRequestEntity);
    this.assignmentSql = new EntitySql(dataSource, RoleAssignmentEntity);
  }

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
    return {
      provisioned: await this.provisionDue(now),
      revoked: await this.endExpired(now),
      timedOut: await this.timeOutWaiting(now),
    };
  }

  private async provisionDue(now: Date): Promise<number> {
    const due = await this.requestsIn(
      ['Granted'],
      'scheduleStartDateTime',
      now,
    );
    let moved = 0;
    for (const request of due) {
      const done = await this.move(
        request,
        ['Granted'],
        ['Closed', 'Provisioned'],
        'Provision',
        now,
        (session) => this.assignments.grantAssignment(session, request),
      );
      moved += done ? 1 : 0;
    }
    return moved;
  }

  /** Ends assignments past their end; the request that granted one becomes Revoked. */
  private async endExpired(now: Date): Promise<number> {
    const sql = this.assignmentSql;
    const rows = await this.sql.rows(
      `SELECT * FROM ${sql.table}
        WHERE ${sql.column('endDateTime')} <= ${sql.parameter(0)}
        LIMIT ${BATCH}`,
      [sql.valueOf('endDateTime', now)],
    );
    let ended = 0;
    for (const assignment of rows.map((row) => sql.hydrate(row))) {
      const deleteIt = (session: SqlSession) =>
        session.run(
          `DELETE FROM ${sql.table}
            WHERE ${sql.column('tenantId')} = ${sql.parameter(0)}
              AND ${sql.column('id')} = ${sql.parameter(1)}`,
          [assignment.tenantId, assignment.id],
        );
      const revoked = await this.move(
        { tenantId: assignment.tenantId, id: assignment.id },
        ['Provisioned', 'AdminApproved'],
        ['Closed', 'Revoked'],
        'Revoke',
        now,
        async (session) => {
          await deleteIt(session);
        },
      );
      if (revoked) {
        ended += 1;
      } else if ((await deleteIt(this.sql)) > 0) {
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
    const stale = await this.requestsIn(waiting, 'requestedDateTime', cutoff);
    let moved = 0;
    for (const request of stale) {
      const done = await this.move(
        request,
        waiting,
        ['Closed', 'TimedOut'],
        'TimeOut',
        now,
      );
      moved += done ? 1 : 0;
    }
    return moved;
  }

  /** Requests in one of the sub-statuses whose `property` is at or before `limit`. */
  private async requestsIn(
    subStatuses: readonly SubStatus[],
    property: 'scheduleStartDateTime' | 'requestedDateTime',
    limit: Date,
  ): Promise<RoleAssignmentRequestEntity[]> {
    const sql = this.requestSql;
    const parameters: unknown[] = [];
    const bind = (value: unknown) => sql.parameter(parameters.push(value) - 1);
    const rows = await this.sql.rows(
      `SELECT * FROM ${sql.table}
        WHERE ${sql.column('subStatus')} IN (${subStatuses.map(bind).join(', ')})
          AND ${sql.column(property)} <= ${bind(sql.valueOf(property, limit))}
        LIMIT ${BATCH}`,
      parameters,
    );
    return rows.map((row) => sql.hydrate(row));
  }

  private async move(
    request: { tenantId: string; id: string },
    from: readonly SubStatus[],
    to: [RequestStatus, SubStatus],
    action: AuditAction,
    now: Date,
    andThen?: Parameters<
      RoleAssignmentRequestsRepository['applyTransition']
    >[0]['andThen'],
  ): Promise<boolean> {
    const previous = await this.requests.applyTransition({
      tenantId: request.tenantId,
      requestId: request.id,
      fromSubStatuses: from,
      toStatus: to[0],
      toSubStatus: to[1],
      audit: {
        action,
        actorId: SCHEDULER_ACTOR_ID,
        actorType: 'Scheduler',
        occurredDateTime: now,
        httpRequestId: SCHEDULER_ACTOR_ID,
        clientRequestId: SCHEDULER_ACTOR_ID,
      },
      andThen,
    });
    return previous !== undefined;
  }
}
