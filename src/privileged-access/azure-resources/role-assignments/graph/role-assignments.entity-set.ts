import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { AZURE_RESOURCES_PROVIDER } from '../../graph/azure-resources.constants.js';
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
    containedIn: {
      provider: AZURE_RESOURCES_PROVIDER,
      collection: 'roleAssignments',
    },
    entity: RoleAssignmentEntity,
    type: {
      id: { column: 'id', type: 'guid' },
      ...REFERENCE_PROPERTIES,
      externalId: { column: 'externalId', type: 'string' },
      startDateTime: {
        column: 'startDateTime',
        type: 'dateTime',
        nullable: true,
      },
      endDateTime: {
        column: 'endDateTime',
        type: 'dateTime',
        nullable: true,
        schema: { description: 'null: the assignment is permanent.' },
      },
      assignmentState: {
        column: 'assignmentState',
        type: 'string',
        schema: { enum: [...ASSIGNMENT_STATES] },
      },
      memberType: {
        column: 'memberType',
        type: 'string',
        schema: { enum: [...MEMBER_TYPES] },
      },
      status: {
        column: 'status',
        type: 'string',
        schema: { example: 'Provisioned' },
      },
    },
    navigation: REFERENCE_NAVIGATION,
    actions: [
      // The assignments as CSV lines (role-assignment-export.controller.ts).
      {
        name: 'export',
        boundTo: 'collection',
        isFunction: true,
        returns: { collectionOf: 'string' },
      },
    ],
  });
