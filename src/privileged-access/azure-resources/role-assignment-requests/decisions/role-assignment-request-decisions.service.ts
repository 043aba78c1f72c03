import { Injectable } from '@nestjs/common';
import { NotPermittedError } from '../../../../errors/not-permitted.error.js';
import type { Principal } from '../../../../auth/principal.js';
import { Clock } from '../../../../clock/clock.js';
import { AppConfig } from '../../../../config/app-config.js';
import type { RequestIds } from '../../../../values/request-ids.js';
import { actsOnlyAsUser } from '../../pim-administrators.js';
import {
  grantBy,
  RoleAssignmentRequestCreation,
} from '../creation/role-assignment-request-creation.service.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import {
  RequestNotPendingError,
  RoleAssignmentRequestNotFoundError,
} from '../role-assignment-request.errors.js';
import { normalizeGuid } from '../../../../values/guid.js';
import type {
  AdminDecision,
  ApproverDecision,
  RequestedSchedule,
} from '../role-assignment-request.model.js';
import {
  approversNamedIn,
  ruleListFor,
} from '../creation/role-assignment-request.policy.js';
import { RoleAssignmentProvisioning } from '../role-assignment-request.provisioning.js';
import {
  TRANSITION_TABLE,
  type TransitionName,
} from '../role-assignment-request.transition-table.js';
import {
  type Move,
  RoleAssignmentRequestTransitions,
} from '../role-assignment-request.transitions.js';
import { RoleAssignmentsRepository } from '../../role-assignments/role-assignments.repository.js';
import { RoleSettingsRepository } from '../../role-settings/role-settings.repository.js';
import { RoleAssignmentRequestsRepository } from '../role-assignment-requests.repository.js';

type DecisionName = Extract<
  TransitionName,
  'Approve' | 'Deny' | 'AdminApprove' | 'AdminDeny'
>;

/**
 * Deciding a waiting request: an approver named in its role's ApprovalRule approves or denies a
 * PendingApproval request (extension actions), and an administrator of its resource decides a
 * PendingAdminDecision one (`updateRequest`, as Graph documents it). Nobody decides their own.
 */
@Injectable()
export class RoleAssignmentRequestDecisions {
  constructor(
    private readonly transitions: RoleAssignmentRequestTransitions,
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly settings: RoleSettingsRepository,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly rules: RoleAssignmentRequestCreation,
    private readonly provisioning: RoleAssignmentProvisioning,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  approve(
    caller: Principal,
    id: string,
    body: ApproverDecision,
    httpRequest: RequestIds,
  ): Promise<void> {
    return this.approverDecides('Approve', caller, id, body, httpRequest);
  }

  deny(
    caller: Principal,
    id: string,
    body: ApproverDecision,
    httpRequest: RequestIds,
  ): Promise<void> {
    return this.approverDecides('Deny', caller, id, body, httpRequest);
  }

  async updateRequest(
    caller: Principal,
    id: string,
    body: AdminDecision,
    httpRequest: RequestIds,
  ): Promise<void> {
    const request = await this.waitingRequest(caller, id);
    const now = this.clock.now();
    if (
      actsOnlyAsUser(caller) &&
      !(await this.assignments.administers(
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
    const by = { caller, httpRequest, reason: body.reason ?? null };
    if (body.decision === 'AdminDenied') {
      await this.decide('AdminDeny', request, { by });
      return;
    }
    // Approving extends the assignment as an AdminExtend request would: the same schedule checks
    // and the same rules, so that a decision cannot grant what a request would be refused.
    const grant = grantBy(scheduleGranted(request, body), now);
    await this.decide('AdminApprove', request, {
      by,
      work: {
        extend: async () => {
          await this.rules.checkPolicy(
            caller,
            { ...request, type: 'AdminExtend' },
            body.reason,
            grant,
          );
          await this.extend(request, grant.end, now);
        },
      },
    });
  }

  /** An approver's decision on a PendingApproval request; nobody decides their own. */
  private async approverDecides(
    name: 'Approve' | 'Deny',
    caller: Principal,
    id: string,
    body: ApproverDecision,
    httpRequest: RequestIds,
  ): Promise<void> {
    const request = await this.waitingRequest(caller, id);
    if (!(await this.isApprover(caller, request))) {
      throw new NotPermittedError();
    }
    const now = this.clock.now();
    await this.decide(name, request, {
      by: { caller, httpRequest, reason: body.reason ?? null },
      facts: { request, now, processing: this.config.lifecycle.processing },
      work: { provision: () => this.provisioning.apply(request, now) },
    });
  }

  /** The request to decide, of the caller's tenant: another tenant's does not exist for it. */
  private async waitingRequest(
    caller: Principal,
    id: string,
  ): Promise<RoleAssignmentRequestEntity> {
    const requestId = normalizeGuid(id);
    const request =
      requestId &&
      (await this.requests.findInTenant(caller.tenantId, requestId));
    if (!request) {
      throw new RoleAssignmentRequestNotFoundError();
    }
    return request;
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
    const setting = await this.settings.findByRoleDefinition(
      request.tenantId,
      request.roleDefinitionId,
    );
    return approversNamedIn(
      setting?.[ruleListFor(request.type, request.assignmentState)] ?? [],
    ).includes(caller.actorId);
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

  /** The decision's transition from the waiting sub-status, audited, with its writes. */
  private async decide(
    name: DecisionName,
    request: RoleAssignmentRequestEntity,
    move: Pick<Move, 'by' | 'facts' | 'work'>,
  ): Promise<void> {
    const previous = await this.transitions.take(name, {
      tenantId: request.tenantId,
      requestId: request.id,
      ...move,
    });
    if (previous === undefined) {
      throw new RequestNotPendingError(TRANSITION_TABLE[name].from[0]);
    }
  }
}

/**
 * The schedule an approval grants: the decision's, else the request's own; either starts when
 * the request does unless it says otherwise.
 */
function scheduleGranted(
  request: RoleAssignmentRequestEntity,
  body: AdminDecision,
): RequestedSchedule {
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
