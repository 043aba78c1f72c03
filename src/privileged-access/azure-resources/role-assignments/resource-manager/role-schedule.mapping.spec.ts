import type { ArmReferenced } from '../../resource-manager/arm-references.js';
import type { RoleAssignmentEntity } from '../role-assignment.entity.js';
import {
  assignmentTypeOf,
  ROLE_ASSIGNMENT_SCHEDULE_INSTANCES,
  ROLE_ASSIGNMENT_SCHEDULES,
  ROLE_ELIGIBILITY_SCHEDULE_INSTANCES,
  ROLE_ELIGIBILITY_SCHEDULES,
  scheduleOf,
} from './role-schedule.mapping.js';

const SCOPE = '/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f';
const ROLE = `${SCOPE}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`;
const PRINCIPAL = 'a3bb8764-cb92-4276-9d2a-ca1e895e55ea';
const ELIGIBLE = 'b1477448-2cc6-4ceb-93b4-54a202a89413';
const ACTIVATION = 'c9e264ff-3133-4776-a81a-ebc7c33c8ec6';

const referenced: ArmReferenced = {
  scope: SCOPE,
  roleDefinitionId: ROLE,
  principalType: 'User',
  expandedProperties: {
    scope: { id: SCOPE, displayName: 'Pay-As-You-Go', type: 'subscription' },
    roleDefinition: {
      id: ROLE,
      displayName: 'Contributor',
      type: 'BuiltInRole',
    },
    principal: {
      id: PRINCIPAL,
      displayName: 'User Account',
      email: 'user@contoso.example',
      type: 'User',
    },
  },
};

function anAssignment(
  overrides: Partial<RoleAssignmentEntity> = {},
): RoleAssignmentEntity {
  return {
    tenantId: '0a0a0a0a-0000-4000-8000-00000000000a',
    id: ELIGIBLE,
    resourceId: '10000000-0000-4000-8000-000000000000',
    roleDefinitionId: '30000000-0000-4000-8000-000000000000',
    subjectId: PRINCIPAL,
    linkedEligibleRoleAssignmentId: null,
    externalId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${ELIGIBLE}`,
    startDateTime: new Date('2026-11-01T08:00:00Z'),
    endDateTime: new Date('2027-11-01T08:00:00Z'),
    assignmentState: 'Eligible',
    memberType: 'Direct',
    status: 'Provisioned',
    ...overrides,
  };
}

const activation = anAssignment({
  id: ACTIVATION,
  linkedEligibleRoleAssignmentId: ELIGIBLE,
  externalId: `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${ACTIVATION}`,
  startDateTime: new Date('2026-11-28T10:00:00Z'),
  endDateTime: new Date('2026-11-28T18:00:00Z'),
  assignmentState: 'Active',
});

describe('an eligible assignment as a role eligibility schedule', () => {
  it('is named by the assignment’s id under its resource’s scope, with its period, type and status', () => {
    expect(
      scheduleOf(ROLE_ELIGIBILITY_SCHEDULES, anAssignment(), referenced),
    ).toEqual({
      properties: {
        scope: SCOPE,
        roleDefinitionId: ROLE,
        principalId: PRINCIPAL,
        principalType: 'User',
        roleEligibilityScheduleRequestId: null,
        memberType: 'Direct',
        status: 'Provisioned',
        startDateTime: '2026-11-01T08:00:00.000Z',
        endDateTime: '2027-11-01T08:00:00.000Z',
        condition: null,
        conditionVersion: null,
        createdOn: null,
        updatedOn: null,
        expandedProperties: referenced.expandedProperties,
      },
      name: ELIGIBLE,
      id: `${SCOPE}/providers/Microsoft.Authorization/RoleEligibilitySchedules/${ELIGIBLE}`,
      type: 'Microsoft.Authorization/RoleEligibilitySchedules',
    });
  });

  it('is its own one instance, which points at the schedule by its ARM id', () => {
    const instance = scheduleOf(
      ROLE_ELIGIBILITY_SCHEDULE_INSTANCES,
      anAssignment({ endDateTime: null, memberType: 'Group' }),
      referenced,
    );

    expect(instance).toMatchObject({
      name: ELIGIBLE,
      id: `${SCOPE}/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/${ELIGIBLE}`,
      type: 'Microsoft.Authorization/RoleEligibilityScheduleInstances',
      properties: {
        roleEligibilityScheduleId: `${SCOPE}/providers/Microsoft.Authorization/RoleEligibilitySchedules/${ELIGIBLE}`,
        endDateTime: null,
        memberType: 'Group',
      },
    });
  });
});

describe('an active assignment as a role assignment schedule', () => {
  it('an activation is Activated, linked to the eligibility schedule it came of', () => {
    expect(
      scheduleOf(ROLE_ASSIGNMENT_SCHEDULES, activation, referenced),
    ).toEqual({
      properties: {
        scope: SCOPE,
        roleDefinitionId: ROLE,
        principalId: PRINCIPAL,
        principalType: 'User',
        roleAssignmentScheduleRequestId: null,
        linkedRoleEligibilityScheduleId: ELIGIBLE,
        assignmentType: 'Activated',
        memberType: 'Direct',
        status: 'Provisioned',
        startDateTime: '2026-11-28T10:00:00.000Z',
        endDateTime: '2026-11-28T18:00:00.000Z',
        condition: null,
        conditionVersion: null,
        createdOn: null,
        updatedOn: null,
        expandedProperties: referenced.expandedProperties,
      },
      name: ACTIVATION,
      id: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentSchedules/${ACTIVATION}`,
      type: 'Microsoft.Authorization/RoleAssignmentSchedules',
    });
  });

  it('its instance names the schedule, the role assignment it is and the eligibility instance it came of', () => {
    expect(
      scheduleOf(ROLE_ASSIGNMENT_SCHEDULE_INSTANCES, activation, referenced),
    ).toEqual({
      properties: {
        scope: SCOPE,
        roleDefinitionId: ROLE,
        principalId: PRINCIPAL,
        principalType: 'User',
        roleAssignmentScheduleId: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentSchedules/${ACTIVATION}`,
        originRoleAssignmentId: activation.externalId,
        status: 'Provisioned',
        startDateTime: '2026-11-28T10:00:00.000Z',
        endDateTime: '2026-11-28T18:00:00.000Z',
        linkedRoleEligibilityScheduleId: ELIGIBLE,
        linkedRoleEligibilityScheduleInstanceId: ELIGIBLE,
        assignmentType: 'Activated',
        memberType: 'Direct',
        condition: null,
        conditionVersion: null,
        createdOn: null,
        expandedProperties: referenced.expandedProperties,
      },
      name: ACTIVATION,
      id: `${SCOPE}/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/${ACTIVATION}`,
      type: 'Microsoft.Authorization/RoleAssignmentScheduleInstances',
    });
  });

  it('one given directly is Assigned; a permanent one has no start or end', () => {
    const direct = anAssignment({
      assignmentState: 'Active',
      startDateTime: null,
      endDateTime: null,
    });

    expect(assignmentTypeOf(direct)).toBe('Assigned');
    expect(
      scheduleOf(ROLE_ASSIGNMENT_SCHEDULES, direct, referenced).properties,
    ).toMatchObject({
      assignmentType: 'Assigned',
      linkedRoleEligibilityScheduleId: null,
      startDateTime: null,
      endDateTime: null,
    });
  });
});

// Every property of Microsoft's 2020-10-01 models, answered (null when nothing stored says it):
// a client reading one never finds it missing.
describe.each([
  [
    ROLE_ASSIGNMENT_SCHEDULES,
    'roleAssignmentScheduleRequestId linkedRoleEligibilityScheduleId assignmentType memberType status startDateTime endDateTime condition conditionVersion createdOn updatedOn expandedProperties',
  ],
  [
    ROLE_ASSIGNMENT_SCHEDULE_INSTANCES,
    'roleAssignmentScheduleId originRoleAssignmentId status startDateTime endDateTime linkedRoleEligibilityScheduleId linkedRoleEligibilityScheduleInstanceId assignmentType memberType condition conditionVersion createdOn expandedProperties',
  ],
  [
    ROLE_ELIGIBILITY_SCHEDULES,
    'roleEligibilityScheduleRequestId memberType status startDateTime endDateTime condition conditionVersion createdOn updatedOn expandedProperties',
  ],
  [
    ROLE_ELIGIBILITY_SCHEDULE_INSTANCES,
    'roleEligibilityScheduleId status startDateTime endDateTime memberType condition conditionVersion createdOn expandedProperties',
  ],
])('$collection', (kind, specific) => {
  it('answers every property of the model, in its order', () => {
    expect(
      Object.keys(scheduleOf(kind, activation, referenced).properties),
    ).toEqual([
      'scope',
      'roleDefinitionId',
      'principalId',
      'principalType',
      ...specific.split(' '),
    ]);
  });
});
