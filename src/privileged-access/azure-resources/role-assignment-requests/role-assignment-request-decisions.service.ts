import { Injectable } from '@nestjs/common';
import { NotPermittedError } from '../../../errors/not-permitted.error.js';
import type { Principal } from '../../../auth/principal.js';
import { Clock } from '../../../clock/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import type { RequestIds } from '../../../graph/request-ids.js';
import type { CreateScheduleDto } from './dto/create-role-assignment-request.dto.js';
import type {
  ApprovalDecisionDto,
  UpdateRequestDto,
} from './dto/decision.dto.js';
import { actsOnlyAsUser } from '../pim-administrators.js';
import { RoleAssignmentRequestCreationRepository } from './role-assignment-request-creation.repository.js';
import {
  grantOf,
  RoleAssignmentRequestCreation,
} from './role-assignment-request-creation.service.js';
import type { RoleAssignmentRequestEntity } from './role-assignment-request.entity.js';
import { RequestNotPendingError } from './role-assignment-request.errors.js';
import type {
  AuditAction,
  RequestStatus,
  SubStatus,
} from './role-assignment-request.model.js';
import { ruleListFor } from './role-assignment-request.policy.js';
import { RoleAssignmentProvisioning } from './role-assignment-request.provisioning.js';
import { RoleAssignmentRequestTransitions } from './role-assignment-request.transitions.js';
import { RoleAssignmentsRepository } from '../role-assignments/role-assignments.repository.js';
import { RoleAssignmentRequestsService } from './role-assignment-requests.service.js';

interface Decision {
  readonly from: SubStatus;
  readonly to: [RequestStatus, SubStatus];
  readonly action: AuditAction;
  /** Writes what the decision grants, in the decision's unit of work. */
  readonly provision?: () => Promise<void>;
}

/**
 * Deciding a waiting request: an approver named in its role's ApprovalRule approves or denies a
 * PendingApproval request (extension actions), and an administrator of its resource decides a
 * PendingAdminDecision one (`updateRequest`, as Graph documents it). Nobody decides their own.
 */
@Injectable()
export class RoleAssignmentRequestDecisions {
  constructor(
    private readonly transitions: RoleAssignmentRequestTransitions,
    private readonly service: RoleAssignmentRequestsService,
    private readonly creation: RoleAssignmentRequestCreationRepository,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly rules: RoleAssignmentRequestCreation,
    private readonly provisioning: RoleAssignmentProvisioning,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async approve(
    caller: Principal,
    id: string,
    approved: boolean,
    body: ApprovalDecisionDto,
    httpRequest: RequestIds,
  ): Promise<void> {
    const request = await this.service.get(caller, id);
    if (!(await this.isApprover(caller, request))) {
      throw new NotPermittedError();
    }
    const now = this.clock.now();
    await this.decide(
      caller,
      request,
      httpRequest,
      {
        from: 'PendingApproval',
        action: approved ? 'Approve' : 'Deny',
        ...(approved
          ? this.grant(request, now)
          : { to: ['Closed', 'Denied'] as [RequestStatus, SubStatus] }),
      },
      body.reason,
    );
  }

  async updateRequest(
    caller: Principal,
    id: string,
    body: UpdateRequestDto,
    httpRequest: RequestIds,
  ): Promise<void> {
    const request = await this.service.get(caller, id);
    const now = this.clock.now();
    if (
      actsOnlyAsUser(caller) &&
      !(await this.creation.administers(
        request.tenantId,
        request.resourceId,
        caller.actorId,
        now,
      ))
    ) {
      throw new NotPermittedError();
    }
    if (caller.actorId === request.requestorId) {
      throw new NotPermittedError();
    }
    // Approving extends the assignment as an AdminExtend request would: the same schedule checks
    // and the same rules, so that a decision cannot grant what a request would be refused.
    const grant =
      body.decision === 'AdminApproved'
        ? grantOf('AdminExtend', scheduleGranted(request, body), now)
        : undefined;
    await this.decide(
      caller,
      request,
      httpRequest,
      {
        from: 'PendingAdminDecision',
        action: grant ? 'AdminApprove' : 'AdminDeny',
        to: ['Closed', grant ? 'AdminApproved' : 'AdminDenied'],
        provision: grant
          ? async () => {
              await this.rules.checkPolicy(
                caller,
                { ...request, type: 'AdminExtend' },
                body.reason,
                grant,
              );
              await this.extend(request, grant.end, now);
            }
          : undefined,
      },
      body.reason,
    );
  }

  /** Named in the ApprovalRule of the request's role, and not its requestor. */
  private async isApprover(
    caller: Principal,
    request: RoleAssignmentRequestEntity,
  ): Promise<boolean> {
    if (caller.kind !== 'delegated' || caller.actorId === request.requestorId) {
      return false;
    }
    // A read: no unit of work (on SQLite, one would take the write lock).
    const setting = await this.creation.settingOf(
      request.tenantId,
      request.roleDefinitionId,
    );
    const rule = setting?.[
      ruleListFor(request.type, request.assignmentState)
    ].find((candidate) => candidate.ruleIdentifier === 'ApprovalRule');
    const approvers = rule
      ? ((JSON.parse(rule.setting) as { Approvers?: { Id: string }[] })
          .Approvers ?? [])
      : [];
    return approvers.some(
      (approver) => approver.Id.toLowerCase() === caller.actorId,
    );
  }

  /**
   * An approved request: provisioned now if it has started, else granted for later; staged,
   * the scheduler provisions it.
   */
  private grant(
    request: RoleAssignmentRequestEntity,
    now: Date,
  ): Pick<Decision, 'to' | 'provision'> {
    if (this.config.lifecycle.processing === 'staged') {
      return { to: ['InProgress', 'PendingApprovalProvisioning'] };
    }
    const start = request.scheduleStartDateTime ?? now;
    if (start.getTime() > now.getTime()) {
      return { to: ['InProgress', 'Granted'] };
    }
    return {
      to: ['Closed', 'Provisioned'],
      provision: () => this.provisioning.apply(request, now),
    };
  }

  /** An approved extension or renewal: the assignment's new end. */
  private async extend(
    request: RoleAssignmentRequestEntity,
    end: Date | null,
    now: Date,
  ): Promise<void> {
    const assignment = await this.assignments.inEffect(
      request,
      request.assignmentState,
      now,
    );
    if (assignment) {
      await this.assignments.setEnd(assignment, end);
    }
  }

  /** One conditional transition from the waiting sub-status, audited, with its writes, in one unit of work. */
  private async decide(
    caller: Principal,
    request: RoleAssignmentRequestEntity,
    httpRequest: RequestIds,
    decision: Decision,
    reason: string | undefined,
  ): Promise<void> {
    const previous = await this.transitions.apply(
      {
        tenantId: request.tenantId,
        requestId: request.id,
        fromSubStatuses: [decision.from],
        toStatus: decision.to[0],
        toSubStatus: decision.to[1],
        audit: {
          action: decision.action,
          actorId: caller.actorId,
          actorType: caller.kind === 'delegated' ? 'User' : 'Application',
          httpRequestId: httpRequest.requestId,
          clientRequestId: httpRequest.clientRequestId,
          reason: reason ?? null,
        },
      },
      { afterwards: decision.provision },
    );
    if (previous === undefined) {
      throw new RequestNotPendingError(decision.from);
    }
  }
}

/**
 * The schedule an approval grants: the decision's, else the request's own; either starts when
 * the request does unless it says otherwise.
 */
function scheduleGranted(
  request: RoleAssignmentRequestEntity,
  body: UpdateRequestDto,
): CreateScheduleDto {
  const startDateTime = request.scheduleStartDateTime?.toISOString() ?? null;
  if (body.schedule) {
    return {
      ...body.schedule,
      startDateTime: body.schedule.startDateTime ?? startDateTime,
    };
  }
  return {
    startDateTime,
    endDateTime: request.scheduleEndDateTime?.toISOString() ?? null,
  };
}
