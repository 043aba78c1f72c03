import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotPermittedError } from '../../../../errors/not-permitted.error.js';
import type { Principal } from '../../../../auth/principal.js';
import { Clock } from '../../../../clock/clock.js';
import { AppConfig } from '../../../../config/app-config.js';
import { UnitOfWork } from '../../../../database/unit-of-work.js';
import type { RequestIds } from '../../../../values/request-ids.js';
import { isStorableDate } from '../../../../values/storable-values.js';
import { ResourceNotFoundError } from '../../resources/resource.errors.js';
import { ResourcesRepository } from '../../resources/resources.repository.js';
import { RoleDefinitionsRepository } from '../../role-definitions/role-definitions.repository.js';
import { RoleSettingsRepository } from '../../role-settings/role-settings.repository.js';
import { SubjectsRepository } from '../../subjects/subjects.repository.js';
import { actsOnlyAsUser, asksForItself } from '../../pim-administrators.js';
import {
  type AssignmentKey,
  RoleAssignmentsRepository,
} from '../../role-assignments/role-assignments.repository.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import {
  ActivationNotActiveError,
  PendingRoleAssignmentRequestError,
  PolicyValidationFailedError,
  ResourceIsLockedError,
  RoleAssignmentDoesNotExistError,
  RoleAssignmentExistsError,
  RoleAssignmentRequestIdTakenError,
  RoleNotFoundError,
  ScheduleBeyondStorableYearsError,
  ScheduleEndsBeforeStartError,
  ScheduleMissingError,
  SubjectNotFoundError,
} from '../role-assignment-request.errors.js';
import {
  ADDITION_TYPES,
  REMOVAL_TYPES,
  REQUEST_TYPES,
  type AssignmentState,
  type NewRequest,
  type RequestedSchedule,
  type RequestStatus,
  type RequestType,
  type SubStatus,
} from '../role-assignment-request.model.js';
import { RoleAssignmentProvisioning } from '../role-assignment-request.provisioning.js';
import {
  type OutcomeFacts,
  outcomeOf,
  TRANSITION_TABLE,
} from '../role-assignment-request.transition-table.js';
import {
  endAfter,
  evaluatePolicy,
  type PolicyOutcome,
  ruleListFor,
} from './role-assignment-request.policy.js';
import { RoleAssignmentRequestsRepository } from '../role-assignment-requests.repository.js';
import { RoleAssignmentRequestCreationRepository } from './role-assignment-request-creation.repository.js';

/** The types that must say when: the assignment they grant or change has a schedule. */
const SCHEDULED_TYPES: readonly RequestType[] = REQUEST_TYPES.filter(
  (type) => !REMOVAL_TYPES.includes(type),
);

export interface Grant {
  readonly start: Date;
  readonly end: Date | null;
}

/**
 * Creating a request: who may ask for what, what it collides with, what its role's rules say,
 * and its outcome, all in one unit of work with its audit record and the assignment it grants,
 * changes or ends.
 */
@Injectable()
export class RoleAssignmentRequestCreation {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly resources: ResourcesRepository,
    private readonly definitions: RoleDefinitionsRepository,
    private readonly subjects: SubjectsRepository,
    private readonly settings: RoleSettingsRepository,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly requests: RoleAssignmentRequestsRepository,
    private readonly creation: RoleAssignmentRequestCreationRepository,
    private readonly provisioning: RoleAssignmentProvisioning,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(
    caller: Principal,
    body: NewRequest,
    httpRequest: RequestIds,
  ): Promise<RoleAssignmentRequestEntity> {
    const now = this.clock.now();
    return this.unitOfWork.run(async () => {
      const request = await this.decide(caller, body, now);
      await this.creation.insertRequest(request);
      if (
        request.subStatus === 'Provisioned' ||
        request.subStatus === 'Revoked'
      ) {
        await this.provisioning.apply(request, now);
      }
      await this.requests.insertAuditEvent({
        tenantId: request.tenantId,
        requestId: request.id,
        action: 'Create',
        actorId: caller.actorId,
        actorType: caller.kind === 'delegated' ? 'User' : 'Application',
        occurredDateTime: now,
        fromSubStatus: 'Accepted',
        toSubStatus: request.subStatus,
        httpRequestId: httpRequest.requestId,
        clientRequestId: httpRequest.clientRequestId,
        api: httpRequest.api ?? null,
      });
      return request;
    });
  }

  /**
   * The request `create` would make, by the same checks, without writing anything: Resource
   * Manager's `validate`.
   */
  async validate(
    caller: Principal,
    body: NewRequest,
  ): Promise<RoleAssignmentRequestEntity> {
    const now = this.clock.now();
    return this.unitOfWork.run(() => this.decide(caller, body, now));
  }

  /**
   * Who may ask for what, what it collides with, what its role's rules say, and where the
   * request stands at once; refused with the first rule it breaks. Runs in the caller's unit of
   * work, holding the assignment's turn until it ends.
   */
  private async decide(
    caller: Principal,
    body: NewRequest,
    now: Date,
  ): Promise<RoleAssignmentRequestEntity> {
    const grant = grantOf(body.type, body.schedule, now);
    const key: AssignmentKey = {
      tenantId: caller.tenantId,
      resourceId: body.resourceId.toLowerCase(),
      roleDefinitionId: body.roleDefinitionId.toLowerCase(),
      subjectId: body.subjectId.toLowerCase(),
    };
    await this.unitOfWork.serialize(
      assignmentLockOf(key, body.assignmentState),
    );
    await this.checkTargets(caller, body.type, key, now);
    await this.collisions(body, key, now);
    const policy = await this.checkPolicy(
      caller,
      { ...key, type: body.type, assignmentState: body.assignmentState },
      body.reason ?? null,
      grant,
    );
    const [status, subStatus] =
      this.config.lifecycle.processing === 'staged'
        ? (['InProgress', 'Accepted'] as const)
        : immediateOutcomeOf(
            {
              request: {
                type: body.type,
                scheduleStartDateTime: grant?.start ?? null,
                statusDetails: policy.statusDetails,
              },
              now,
              processing: 'immediate',
            },
            grant,
          );
    return {
      id: await this.newIdOf(key.tenantId, body.id),
      ...key,
      requestorId: caller.actorId,
      linkedEligibleRoleAssignmentId:
        body.linkedEligibleRoleAssignmentId?.toLowerCase() ?? null,
      type: body.type,
      assignmentState: body.assignmentState,
      requestedDateTime: now,
      reason: body.reason ?? null,
      scheduleType: grant ? (body.schedule?.type ?? 'Once') : null,
      scheduleStartDateTime: grant?.start ?? null,
      scheduleEndDateTime: grant?.end ?? null,
      scheduleDuration: body.schedule?.duration ?? null,
      status,
      subStatus,
      statusDetails: policy.statusDetails,
      ticketNumber: body.ticket?.number ?? null,
      ticketSystem: body.ticket?.system ?? null,
      condition: body.condition?.expression ?? null,
      conditionVersion: body.condition?.version ?? null,
      previousSubStatus: 'Accepted',
    };
  }

  /** The id the caller chose, unless the tenant has a request of that id; a new one otherwise. */
  private async newIdOf(tenantId: string, chosen?: string): Promise<string> {
    if (chosen === undefined) {
      return randomUUID();
    }
    const id = chosen.toLowerCase();
    if (await this.requests.findInTenant(tenantId, id)) {
      throw new RoleAssignmentRequestIdTakenError();
    }
    return id;
  }

  /**
   * Evaluates what a request asks against the rule list of its role's setting that governs it,
   * in the caller's unit of work; refused, naming the rules it breaks, when it breaks any.
   */
  async checkPolicy(
    caller: Principal,
    target: Pick<
      RoleAssignmentRequestEntity,
      'tenantId' | 'roleDefinitionId' | 'type' | 'assignmentState'
    >,
    reason: string | null,
    grant: Grant | undefined,
  ): Promise<PolicyOutcome> {
    const setting = await this.settings.findByRoleDefinition(
      target.tenantId,
      target.roleDefinitionId,
    );
    const policy = evaluatePolicy(
      setting?.[ruleListFor(target.type, target.assignmentState)] ?? [],
      {
        reason,
        grant,
        multiFactorAuthenticated:
          caller.kind === 'delegated'
            ? caller.multiFactorAuthenticated
            : undefined,
      },
    );
    if (policy.failedRules.length > 0) {
      throw new PolicyValidationFailedError(policy.failedRules);
    }
    return policy;
  }

  /**
   * The resource must exist, the caller may ask (users for themselves, administrators for
   * anyone), the role must be the resource's, the subject must exist, the resource not locked.
   */
  private async checkTargets(
    caller: Principal,
    type: RequestType,
    key: AssignmentKey,
    now: Date,
  ): Promise<void> {
    const resource = await this.resources.find(key.tenantId, key.resourceId);
    if (!resource) {
      throw new ResourceNotFoundError();
    }
    if (!(await this.mayAsk(caller, type, key, now))) {
      throw new NotPermittedError();
    }
    const definition = await this.definitions.find(
      key.tenantId,
      key.roleDefinitionId,
    );
    if (definition?.resourceId !== key.resourceId) {
      throw new RoleNotFoundError();
    }
    if (!(await this.subjects.find(key.tenantId, key.subjectId))) {
      throw new SubjectNotFoundError();
    }
    if (resource.status === 'Locked') {
      throw new ResourceIsLockedError();
    }
  }

  private async mayAsk(
    caller: Principal,
    type: RequestType,
    key: AssignmentKey,
    now: Date,
  ): Promise<boolean> {
    if (type.startsWith('User')) {
      return asksForItself(caller, key.subjectId);
    }
    return (
      !actsOnlyAsUser(caller) ||
      this.assignments.administers(
        key.tenantId,
        key.resourceId,
        caller.actorId,
        now,
      )
    );
  }

  /**
   * No other pending request about the same assignment; an Add needs none to exist (an
   * activation needs its eligible one); every other type needs the assignment it changes.
   */
  private async collisions(
    body: NewRequest,
    key: AssignmentKey,
    now: Date,
  ): Promise<void> {
    if (await this.creation.pendingRequestExists(key, body.assignmentState)) {
      throw new PendingRoleAssignmentRequestError();
    }
    const existing = await this.assignments.inEffect(
      key,
      body.assignmentState,
      now,
    );
    if (body.type === 'UserAdd') {
      await this.checkActivation(body, key, now);
    }
    if (ADDITION_TYPES.includes(body.type)) {
      if (existing) {
        throw new RoleAssignmentExistsError();
      }
    } else if (!existing) {
      throw new RoleAssignmentDoesNotExistError();
    }
  }

  /** UserAdd activates an eligible assignment of the caller (the one it links to, if given). */
  private async checkActivation(
    body: NewRequest,
    key: AssignmentKey,
    now: Date,
  ): Promise<void> {
    if (body.assignmentState !== 'Active') {
      throw new ActivationNotActiveError();
    }
    const eligible = await this.assignments.inEffect(key, 'Eligible', now);
    const linked = body.linkedEligibleRoleAssignmentId?.toLowerCase();
    if (!eligible || (linked !== undefined && linked !== eligible.id)) {
      throw new RoleAssignmentDoesNotExistError();
    }
  }
}

/**
 * When the assignment a request of `type` grants or changes starts and ends; undefined for a
 * removal. Refused when the schedule is missing or does not end after it starts.
 */
export function grantOf(
  type: RequestType,
  schedule: RequestedSchedule | null | undefined,
  now: Date,
): Grant | undefined {
  if (!SCHEDULED_TYPES.includes(type)) {
    return undefined;
  }
  if (!schedule) {
    throw new ScheduleMissingError(type);
  }
  return grantBy(schedule, now);
}

/** What a schedule grants: from its start (else now) to its end, or for its duration. */
export function grantBy(schedule: RequestedSchedule, now: Date): Grant {
  const start = schedule.startDateTime ? new Date(schedule.startDateTime) : now;
  const end = schedule.endDateTime
    ? new Date(schedule.endDateTime)
    : schedule.duration
      ? (endAfter(start, schedule.duration) ?? null)
      : null;
  // Only a duration can carry the end there: the dates given are in the storable years.
  if (end !== null && !isStorableDate(end)) {
    throw new ScheduleBeyondStorableYearsError();
  }
  if (end !== null && end.getTime() <= start.getTime()) {
    throw new ScheduleEndsBeforeStartError();
  }
  return { start, end };
}

/**
 * Where a new request stands at once (immediate processing): evaluated, then revoked, or
 * provisioned when its start is reached, by the rows the scheduler takes for those steps.
 */
function immediateOutcomeOf(
  facts: OutcomeFacts,
  grant: Grant | undefined,
): readonly [RequestStatus, SubStatus] {
  const evaluated = outcomeOf(TRANSITION_TABLE.Evaluate, facts).to;
  const [, subStatus] = evaluated;
  if (subStatus === 'PendingRevocation') {
    return outcomeOf(TRANSITION_TABLE.Revoke).to;
  }
  if (
    subStatus === 'Granted' &&
    grant &&
    grant.start.getTime() <= facts.now.getTime()
  ) {
    return outcomeOf(TRANSITION_TABLE.ProvisionDue).to;
  }
  return evaluated;
}

/** One assignment's creates and changes take turns: their checks read before they write. */
function assignmentLockOf(
  key: AssignmentKey,
  assignmentState: AssignmentState,
): string {
  return `role-assignment:${key.tenantId}:${key.resourceId}:${key.roleDefinitionId}:${key.subjectId}:${assignmentState}`;
}
