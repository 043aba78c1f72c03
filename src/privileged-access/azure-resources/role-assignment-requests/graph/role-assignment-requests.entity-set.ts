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

/** `governanceRoleAssignmentRequests`: what lists, filters and expands them. */
export const ROLE_ASSIGNMENT_REQUESTS: ODataEntitySet<RoleAssignmentRequestEntity> =
  defineEntitySet({
    name: 'governanceRoleAssignmentRequests',
    typeName: 'governanceRoleAssignmentRequest',
    entity: RoleAssignmentRequestEntity,
    type: {
      id: { column: 'id', type: 'guid' },
      ...REFERENCE_PROPERTIES,
      type: { column: 'type', type: 'string' },
      assignmentState: { column: 'assignmentState', type: 'string' },
      requestedDateTime: { column: 'requestedDateTime', type: 'dateTime' },
      reason: { column: 'reason', type: 'string', nullable: true },
      status: {
        object: {
          status: { column: 'status', type: 'string' },
          subStatus: { column: 'subStatus', type: 'string' },
          statusDetails: { column: 'statusDetails', type: 'json' },
        },
      },
      schedule: {
        object: {
          type: { column: 'scheduleType', type: 'string', nullable: true },
          startDateTime: {
            column: 'scheduleStartDateTime',
            type: 'dateTime',
            nullable: true,
          },
          endDateTime: {
            column: 'scheduleEndDateTime',
            type: 'dateTime',
            nullable: true,
          },
          duration: {
            column: 'scheduleDuration',
            type: 'string',
            nullable: true,
            filterable: false,
          },
        },
        // A removal has no schedule.
        nullWhen: (request) => request.scheduleType === null,
      },
    },
    navigation: REFERENCE_NAVIGATION,
    schema: { $ref: getSchemaPath(GovernanceRoleAssignmentRequestSchema) },
  });
