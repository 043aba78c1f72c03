import {
  defineEntitySet,
  type ODataEntitySet,
} from '../../../../graph/odata/entity-set.js';
import { AZURE_RESOURCES_PROVIDER } from '../../graph/azure-resources.constants.js';
import { graphTypeOf } from '../../../../graph/odata/graph-type.js';
import {
  REFERENCE_NAVIGATION,
  REFERENCE_PROPERTIES,
} from '../../graph/reference-properties.js';
import {
  RoleAssignmentRequestEntity,
  type StatusDetail,
} from '../role-assignment-request.entity.js';
import {
  ASSIGNMENT_STATES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  SCHEDULE_TYPES,
  SUB_STATUSES,
} from '../role-assignment-request.model.js';

/** The name the document gives the request's type, and its entity as GET returns it. */
export const REQUEST_TYPE_NAME =
  'microsoft.graph.governanceRoleAssignmentRequest';
export const REQUEST_ENTITY_RESPONSE_NAME = `${REQUEST_TYPE_NAME}.entityResponse`;

/** One rule evaluated for a request, in its `status.statusDetails`. */
const KEY_VALUE = graphTypeOf<StatusDetail>(
  {
    key: {
      column: 'key',
      type: 'string',
      schema: {
        description:
          'A rule name: `EligibilityRule`, `ExpirationRule`, `MfaRule`, `JustificationRule`, `ApprovalRule`, `AdminRequestRule`, …',
        example: 'ApprovalRule',
      },
    },
    value: { column: 'value', type: 'string', schema: { example: 'Pending' } },
  },
  {
    name: 'microsoft.graph.keyValue',
    description: 'One rule evaluated for the request and its outcome.',
  },
);

/** `governanceRoleAssignmentRequests`: what lists, filters and expands them. */
export const ROLE_ASSIGNMENT_REQUESTS: ODataEntitySet<RoleAssignmentRequestEntity> =
  defineEntitySet({
    name: 'governanceRoleAssignmentRequests',
    typeName: 'governanceRoleAssignmentRequest',
    containedIn: {
      provider: AZURE_RESOURCES_PROVIDER,
      collection: 'roleAssignmentRequests',
    },
    entity: RoleAssignmentRequestEntity,
    type: {
      id: {
        column: 'id',
        type: 'guid',
        schema: {
          format: 'uuid',
          example: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
        },
      },
      resourceId: {
        ...REFERENCE_PROPERTIES.resourceId,
        schema: {
          description: 'The Azure resource the role assignment is on.',
          example: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
        },
      },
      roleDefinitionId: {
        ...REFERENCE_PROPERTIES.roleDefinitionId,
        schema: { example: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2' },
      },
      subjectId: {
        ...REFERENCE_PROPERTIES.subjectId,
        schema: {
          description: 'The user, group or service principal the role is for.',
          example: 'a1a1a1a1-0000-4000-8000-0000000000a1',
        },
      },
      linkedEligibleRoleAssignmentId: {
        ...REFERENCE_PROPERTIES.linkedEligibleRoleAssignmentId,
        schema: {
          description: 'The eligible assignment an activation refers to.',
          example: null,
        },
      },
      type: {
        column: 'type',
        type: 'string',
        schema: { enum: [...REQUEST_TYPES], example: 'UserAdd' },
      },
      assignmentState: {
        column: 'assignmentState',
        type: 'string',
        schema: { enum: [...ASSIGNMENT_STATES], example: 'Active' },
      },
      requestedDateTime: {
        column: 'requestedDateTime',
        type: 'dateTime',
        schema: {
          description: 'When the request was made (UTC).',
          example: '2026-11-28T09:00:00.000Z',
        },
      },
      reason: {
        column: 'reason',
        type: 'string',
        nullable: true,
        schema: { example: 'Deploying a hotfix' },
      },
      status: {
        named: {
          name: 'microsoft.graph.governanceRoleAssignmentRequestStatus',
        },
        object: {
          status: {
            column: 'status',
            type: 'string',
            schema: { enum: [...REQUEST_STATUSES], example: 'InProgress' },
          },
          subStatus: {
            column: 'subStatus',
            type: 'string',
            schema: { enum: [...SUB_STATUSES], example: 'PendingApproval' },
          },
          statusDetails: {
            column: 'statusDetails',
            type: 'json',
            listOf: KEY_VALUE,
          },
        },
      },
      schedule: {
        named: { name: 'microsoft.graph.governanceSchedule' },
        object: {
          // Null in the column only when the whole schedule is: a removal has none.
          type: {
            column: 'scheduleType',
            type: 'string',
            nullable: true,
            schema: {
              type: 'string',
              enum: [...SCHEDULE_TYPES],
              example: 'Once',
            },
          },
          startDateTime: {
            column: 'scheduleStartDateTime',
            type: 'dateTime',
            nullable: true,
            schema: { example: '2026-11-28T10:00:00.000Z' },
          },
          endDateTime: {
            column: 'scheduleEndDateTime',
            type: 'dateTime',
            nullable: true,
            schema: {
              description: 'null: the assignment is permanent.',
              example: null,
            },
          },
          duration: {
            column: 'scheduleDuration',
            type: 'duration',
            nullable: true,
            schema: {
              description:
                'ISO 8601 duration of the assignment, such as `PT8H`.',
              example: 'PT8H',
            },
          },
        },
        nullWhen: (request) => request.scheduleType === null,
      },
    },
    navigation: REFERENCE_NAVIGATION,
    actions: [
      { name: 'cancel' },
      {
        name: 'updateRequest',
        parameters: [
          { name: 'decision', type: 'string' },
          { name: 'assignmentState', type: 'string' },
          {
            name: 'schedule',
            type: { named: 'microsoft.graph.governanceSchedule' },
          },
          { name: 'reason', type: 'string' },
        ],
        // As Graph declares it, though this service answers it 204 without a body.
        returns: 'governanceRoleAssignmentRequests',
      },
    ],
    named: {
      name: REQUEST_TYPE_NAME,
      description:
        'A request to add, change, extend, renew or remove a role assignment of a subject on an Azure resource.',
      entityResponse: {
        description:
          'One governanceRoleAssignmentRequest, with the OData context of a single entity.',
        context: {
          type: 'string',
          format: 'uri',
          description:
            '`<base>/beta/$metadata#governanceRoleAssignmentRequests/$entity`; the base is `PUBLIC_BASE_URL` when set, else taken from the `Host` header.',
          example:
            'https://graph.contoso.com/beta/$metadata#governanceRoleAssignmentRequests/$entity',
        },
      },
    },
  });
