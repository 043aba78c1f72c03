import { getSchemaPath } from '@nestjs/swagger';
import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import { GovernanceRoleAssignmentRequestSchema } from './dto/governance-role-assignment-request.dto.js';
import { RoleAssignmentRequestEntity } from '../role-assignment-request.entity.js';
import { toGraphRoleAssignmentRequest } from './role-assignment-request.presenter.js';

/** `governanceRoleAssignmentRequests`: what lists, filters and expands them. */
export const ROLE_ASSIGNMENT_REQUESTS: ODataEntitySet<RoleAssignmentRequestEntity> =
  defineEntitySet({
    name: 'governanceRoleAssignmentRequests',
    typeName: 'governanceRoleAssignmentRequest',
    entity: RoleAssignmentRequestEntity,
    graphProperties: [
      'id',
      'resourceId',
      'roleDefinitionId',
      'subjectId',
      'linkedEligibleRoleAssignmentId',
      'type',
      'assignmentState',
      'requestedDateTime',
      'reason',
      'status',
      'schedule',
    ],
    properties: {
      id: { column: 'id', type: 'guid' },
      ...REFERENCE_PROPERTIES,
      type: { column: 'type', type: 'string' },
      assignmentState: { column: 'assignmentState', type: 'string' },
      requestedDateTime: { column: 'requestedDateTime', type: 'dateTime' },
      reason: { column: 'reason', type: 'string', nullable: true },
      'status/status': { column: 'status', type: 'string' },
      'status/subStatus': { column: 'subStatus', type: 'string' },
      'schedule/type': {
        column: 'scheduleType',
        type: 'string',
        nullable: true,
      },
      'schedule/startDateTime': {
        column: 'scheduleStartDateTime',
        type: 'dateTime',
        nullable: true,
      },
      'schedule/endDateTime': {
        column: 'scheduleEndDateTime',
        type: 'dateTime',
        nullable: true,
      },
    },
    navigation: REFERENCE_NAVIGATION,
    present: (request) => ({ ...toGraphRoleAssignmentRequest(request) }),
    schema: { $ref: getSchemaPath(GovernanceRoleAssignmentRequestSchema) },
  });
