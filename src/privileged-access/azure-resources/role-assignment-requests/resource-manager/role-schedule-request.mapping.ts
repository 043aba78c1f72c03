import type {
  AssignmentState,
  NewRequest,
  RequestType,
} from '../role-assignment-request.model.js';
import type { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';

/**
 * The two Resource Manager collections over the one table of requests: a request for an active
 * assignment is a role assignment schedule request, one for an eligible assignment a role
 * eligibility schedule request (docs/resource-manager.md, the mapping table).
 */
export interface ScheduleRequestKind {
  /** The collection, as routes name it. */
  readonly collection: string;
  /** The resource type, as ids and `type` write it (Microsoft's examples' casing). */
  readonly resourceType: string;
  readonly assignmentState: AssignmentState;
  /** The name of the properties that point at the schedule the request made. */
  readonly targetSchedule: string;
  readonly targetScheduleInstance: string;
  /** The collections of the schedules and instances its requests make. */
  readonly schedules: string;
  readonly scheduleInstances: string;
}

export const ROLE_ASSIGNMENT_SCHEDULE_REQUESTS: ScheduleRequestKind = {
  collection: 'roleAssignmentScheduleRequests',
  resourceType: 'RoleAssignmentScheduleRequests',
  assignmentState: 'Active',
  targetSchedule: 'targetRoleAssignmentScheduleId',
  targetScheduleInstance: 'targetRoleAssignmentScheduleInstanceId',
  schedules: 'roleAssignmentSchedules',
  scheduleInstances: 'roleAssignmentScheduleInstances',
};

export const ROLE_ELIGIBILITY_SCHEDULE_REQUESTS: ScheduleRequestKind = {
  collection: 'roleEligibilityScheduleRequests',
  resourceType: 'RoleEligibilityScheduleRequests',
  assignmentState: 'Eligible',
  targetSchedule: 'targetRoleEligibilityScheduleId',
  targetScheduleInstance: 'targetRoleEligibilityScheduleInstanceId',
  schedules: 'roleEligibilitySchedules',
  scheduleInstances: 'roleEligibilityScheduleInstances',
};

/** ARM's `requestType` of each Graph request `type`, one for one. */
export const ARM_REQUEST_TYPES: Readonly<Record<RequestType, string>> = {
  AdminAdd: 'AdminAssign',
  AdminUpdate: 'AdminUpdate',
  AdminRemove: 'AdminRemove',
  AdminExtend: 'AdminExtend',
  AdminRenew: 'AdminRenew',
  UserAdd: 'SelfActivate',
  UserRemove: 'SelfDeactivate',
  UserExtend: 'SelfExtend',
  UserRenew: 'SelfRenew',
};

export interface ArmScheduleInfo {
  startDateTime: string | null;
  expiration: {
    type: 'AfterDuration' | 'AfterDateTime' | 'NoExpiration';
    endDateTime: string | null;
    duration: string | null;
  };
}

/**
 * `scheduleInfo` of a request's schedule: a duration is AfterDuration (the end the service
 * computed from it is not the client's to see), an end date AfterDateTime, neither
 * NoExpiration; a request without a schedule has none.
 */
export function scheduleInfoOf(
  request: RoleAssignmentRequestEntity,
): ArmScheduleInfo | null {
  if (request.scheduleType === null) {
    return null;
  }
  const duration = request.scheduleDuration;
  const end = duration ? null : request.scheduleEndDateTime;
  return {
    startDateTime: request.scheduleStartDateTime?.toISOString() ?? null,
    expiration: {
      type: duration ? 'AfterDuration' : end ? 'AfterDateTime' : 'NoExpiration',
      endDateTime: end?.toISOString() ?? null,
      duration,
    },
  };
}

/** The Graph request `type` of an ARM `requestType`: the table above, read the other way. */
export function requestTypeOf(armRequestType: string): RequestType {
  const found = (
    Object.entries(ARM_REQUEST_TYPES) as [RequestType, string][]
  ).find(([, arm]) => arm === armRequestType);
  if (!found) {
    throw new Error(`${armRequestType} is no ARM request type`);
  }
  return found[0];
}

/** What a PUT asks, in ARM's terms, once its scope and role are found. */
export interface ArmNewRequest {
  readonly name: string;
  readonly resourceId: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly requestType: string;
  readonly scheduleInfo?: {
    readonly startDateTime?: string | null;
    readonly expiration?: {
      readonly type?: string | null;
      readonly endDateTime?: string | null;
      readonly duration?: string | null;
    } | null;
  } | null;
  readonly justification?: string | null;
  readonly linkedRoleEligibilityScheduleId?: string | null;
  readonly ticketInfo?: {
    readonly ticketNumber?: string | null;
    readonly ticketSystem?: string | null;
  } | null;
  readonly condition?: string | null;
  readonly conditionVersion?: string | null;
}

/**
 * The domain's new request of an ARM PUT: the expiration's end or duration is the schedule's
 * (NoExpiration, neither); a linked eligibility schedule is named by its id or its ARM id, whose
 * last segment is the eligible assignment's id.
 */
export function newRequestOf(
  kind: ScheduleRequestKind,
  asked: ArmNewRequest,
): NewRequest {
  const expiration = asked.scheduleInfo?.expiration;
  const noExpiration = expiration?.type === 'NoExpiration';
  return {
    id: asked.name,
    resourceId: asked.resourceId,
    roleDefinitionId: asked.roleDefinitionId,
    subjectId: asked.principalId,
    assignmentState: kind.assignmentState,
    type: requestTypeOf(asked.requestType),
    reason: asked.justification ?? null,
    schedule: asked.scheduleInfo
      ? {
          type: 'Once',
          startDateTime: asked.scheduleInfo.startDateTime ?? null,
          endDateTime: noExpiration ? null : (expiration?.endDateTime ?? null),
          duration: noExpiration ? null : (expiration?.duration ?? null),
        }
      : null,
    linkedEligibleRoleAssignmentId:
      asked.linkedRoleEligibilityScheduleId?.split('/').pop() ?? null,
    ticket: asked.ticketInfo
      ? {
          number: asked.ticketInfo.ticketNumber ?? null,
          system: asked.ticketInfo.ticketSystem ?? null,
        }
      : null,
    condition: asked.condition
      ? { expression: asked.condition, version: asked.conditionVersion ?? null }
      : null,
  };
}
