import type { ArmReferenced } from '../../resource-manager/arm-references.js';
import type {
  RoleAssignmentEntity,
  RoleAssignmentState,
} from '../role-assignment.entity.js';

/** A role assignment (or eligibility) schedule or schedule instance, in Resource Manager's JSON. */
export interface ArmSchedule {
  properties: Record<string, unknown> & {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    principalType: string | null;
    status: string;
    startDateTime: string | null;
    endDateTime: string | null;
  };
  name: string;
  id: string;
  type: string;
}

/**
 * One of the four Resource Manager collections over the stored assignments: active ones are
 * role assignment schedules, eligible ones role eligibility schedules, and each schedule has
 * one instance, the same assignment (docs/resource-manager.md, the mapping table).
 */
export interface ScheduleKind {
  /** The collection, as routes name it. */
  readonly collection: string;
  /** The resource type, as ids and `type` write it (Microsoft's examples' casing). */
  readonly resourceType: string;
  readonly assignmentState: RoleAssignmentState;
  /** Its `properties`, in the order of Microsoft's specification. */
  readonly propertiesOf: (
    assignment: RoleAssignmentEntity,
    referenced: ArmReferenced,
  ) => ArmSchedule['properties'];
}

// The stored assignment records neither a condition nor when it was created or changed: ARM's
// fields for them are answered, empty, rather than left out (docs/resource-manager.md).
const NOT_RECORDED = {
  condition: null,
  conditionVersion: null,
  createdOn: null,
} as const;

export const ROLE_ASSIGNMENT_SCHEDULES: ScheduleKind = {
  collection: 'roleAssignmentSchedules',
  resourceType: 'RoleAssignmentSchedules',
  assignmentState: 'Active',
  propertiesOf: (assignment, referenced) => ({
    ...principalAt(assignment, referenced),
    roleAssignmentScheduleRequestId: null,
    linkedRoleEligibilityScheduleId: assignment.linkedEligibleRoleAssignmentId,
    assignmentType: assignmentTypeOf(assignment),
    memberType: assignment.memberType,
    status: assignment.status,
    ...periodOf(assignment),
    ...NOT_RECORDED,
    updatedOn: null,
    expandedProperties: referenced.expandedProperties,
  }),
};

export const ROLE_ASSIGNMENT_SCHEDULE_INSTANCES: ScheduleKind = {
  collection: 'roleAssignmentScheduleInstances',
  resourceType: 'RoleAssignmentScheduleInstances',
  assignmentState: 'Active',
  propertiesOf: (assignment, referenced) => ({
    ...principalAt(assignment, referenced),
    roleAssignmentScheduleId: armIdOf(
      ROLE_ASSIGNMENT_SCHEDULES,
      referenced.scope,
      assignment.id,
    ),
    originRoleAssignmentId: assignment.externalId,
    status: assignment.status,
    ...periodOf(assignment),
    linkedRoleEligibilityScheduleId: assignment.linkedEligibleRoleAssignmentId,
    // The instance of an eligibility schedule is that schedule's assignment: the same id.
    linkedRoleEligibilityScheduleInstanceId:
      assignment.linkedEligibleRoleAssignmentId,
    assignmentType: assignmentTypeOf(assignment),
    memberType: assignment.memberType,
    ...NOT_RECORDED,
    expandedProperties: referenced.expandedProperties,
  }),
};

export const ROLE_ELIGIBILITY_SCHEDULES: ScheduleKind = {
  collection: 'roleEligibilitySchedules',
  resourceType: 'RoleEligibilitySchedules',
  assignmentState: 'Eligible',
  propertiesOf: (assignment, referenced) => ({
    ...principalAt(assignment, referenced),
    roleEligibilityScheduleRequestId: null,
    memberType: assignment.memberType,
    status: assignment.status,
    ...periodOf(assignment),
    ...NOT_RECORDED,
    updatedOn: null,
    expandedProperties: referenced.expandedProperties,
  }),
};

export const ROLE_ELIGIBILITY_SCHEDULE_INSTANCES: ScheduleKind = {
  collection: 'roleEligibilityScheduleInstances',
  resourceType: 'RoleEligibilityScheduleInstances',
  assignmentState: 'Eligible',
  propertiesOf: (assignment, referenced) => ({
    ...principalAt(assignment, referenced),
    roleEligibilityScheduleId: armIdOf(
      ROLE_ELIGIBILITY_SCHEDULES,
      referenced.scope,
      assignment.id,
    ),
    status: assignment.status,
    ...periodOf(assignment),
    memberType: assignment.memberType,
    ...NOT_RECORDED,
    expandedProperties: referenced.expandedProperties,
  }),
};

/**
 * A schedule (or instance) in Resource Manager's JSON: named by its assignment's id, under the
 * ARM id of its assignment's resource.
 */
export function scheduleOf(
  kind: ScheduleKind,
  assignment: RoleAssignmentEntity,
  referenced: ArmReferenced,
): ArmSchedule {
  return {
    properties: kind.propertiesOf(assignment, referenced),
    name: assignment.id,
    id: armIdOf(kind, referenced.scope, assignment.id),
    type: `Microsoft.Authorization/${kind.resourceType}`,
  };
}

/**
 * `Activated` for an active assignment that came of activating an eligible one (it is linked
 * to it), `Assigned` for one given directly.
 */
export function assignmentTypeOf(
  assignment: RoleAssignmentEntity,
): 'Activated' | 'Assigned' {
  return assignment.linkedEligibleRoleAssignmentId === null
    ? 'Assigned'
    : 'Activated';
}

function armIdOf(kind: ScheduleKind, scope: string, name: string): string {
  return `${scope}/providers/Microsoft.Authorization/${kind.resourceType}/${name}`;
}

function principalAt(
  assignment: RoleAssignmentEntity,
  referenced: ArmReferenced,
) {
  return {
    scope: referenced.scope,
    roleDefinitionId: referenced.roleDefinitionId,
    principalId: assignment.subjectId,
    principalType: referenced.principalType,
  };
}

function periodOf(assignment: RoleAssignmentEntity) {
  return {
    startDateTime: assignment.startDateTime?.toISOString() ?? null,
    endDateTime: assignment.endDateTime?.toISOString() ?? null,
  };
}
