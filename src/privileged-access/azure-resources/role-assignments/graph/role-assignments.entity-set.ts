import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import {
  ASSIGNMENT_STATES,
  MEMBER_TYPES,
  RoleAssignmentEntity,
} from '../role-assignment.entity.js';

/** `governanceRoleAssignments`: what lists, filters and expands them. */
export const ROLE_ASSIGNMENTS: ODataEntitySet<RoleAssignmentEntity> =
  defineEntitySet({
    name: 'governanceRoleAssignments',
    typeName: 'governanceRoleAssignment',
    entity: RoleAssignmentEntity,
    graphProperties: [
      'id',
      'resourceId',
      'roleDefinitionId',
      'subjectId',
      'linkedEligibleRoleAssignmentId',
      'externalId',
      'startDateTime',
      'endDateTime',
      'assignmentState',
      'memberType',
      'status',
    ],
    properties: {
      id: { column: 'id', type: 'guid' },
      ...REFERENCE_PROPERTIES,
      externalId: { column: 'externalId', type: 'string' },
      startDateTime: {
        column: 'startDateTime',
        type: 'dateTime',
        nullable: true,
      },
      endDateTime: { column: 'endDateTime', type: 'dateTime', nullable: true },
      assignmentState: { column: 'assignmentState', type: 'string' },
      memberType: { column: 'memberType', type: 'string' },
      status: { column: 'status', type: 'string' },
    },
    navigation: REFERENCE_NAVIGATION,
    present: (assignment) => ({
      id: assignment.id,
      resourceId: assignment.resourceId,
      roleDefinitionId: assignment.roleDefinitionId,
      subjectId: assignment.subjectId,
      linkedEligibleRoleAssignmentId: assignment.linkedEligibleRoleAssignmentId,
      externalId: assignment.externalId,
      startDateTime: assignment.startDateTime?.toISOString() ?? null,
      endDateTime: assignment.endDateTime?.toISOString() ?? null,
      assignmentState: assignment.assignmentState,
      memberType: assignment.memberType,
      status: assignment.status,
    }),
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        resourceId: { type: 'string' },
        roleDefinitionId: { type: 'string' },
        subjectId: { type: 'string' },
        linkedEligibleRoleAssignmentId: { type: ['string', 'null'] },
        externalId: { type: 'string' },
        startDateTime: { type: ['string', 'null'], format: 'date-time' },
        endDateTime: {
          type: ['string', 'null'],
          format: 'date-time',
          description: 'null: the assignment is permanent.',
        },
        assignmentState: { type: 'string', enum: [...ASSIGNMENT_STATES] },
        memberType: { type: 'string', enum: [...MEMBER_TYPES] },
        status: { type: 'string', example: 'Provisioned' },
      },
    },
  });
