import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { StatusDetail } from '../../role-assignment-request.entity.js';
import {
  ASSIGNMENT_STATES,
  type AssignmentState,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type RequestStatus,
  type RequestType,
  SCHEDULE_TYPES,
  SUB_STATUSES,
  type SubStatus,
} from '../../role-assignment-request.model.js';

/**
 * The OpenAPI schemas of a request's Graph JSON (the type ROLE_ASSIGNMENT_REQUESTS declares),
 * under Graph's own schema names. Every key is always present, so every key is required; keys whose
 * value may be null say so.
 */

@ApiSchema({
  name: 'microsoft.graph.keyValue',
  description: 'One rule evaluated for the request and its outcome.',
})
export class KeyValueSchema implements StatusDetail {
  @ApiProperty({
    description:
      'A rule name: `EligibilityRule`, `ExpirationRule`, `MfaRule`, `JustificationRule`, `ApprovalRule`, `AdminRequestRule`, …',
    example: 'ApprovalRule',
  })
  key: string;

  @ApiProperty({ example: 'Pending' })
  value: string;
}

@ApiSchema({ name: 'microsoft.graph.governanceRoleAssignmentRequestStatus' })
export class GovernanceRoleAssignmentRequestStatusSchema {
  @ApiProperty({ enum: REQUEST_STATUSES, example: 'InProgress' })
  status: RequestStatus;

  @ApiProperty({ enum: SUB_STATUSES, example: 'PendingApproval' })
  subStatus: SubStatus;

  @ApiProperty({ type: () => [KeyValueSchema] })
  statusDetails: KeyValueSchema[];
}

@ApiSchema({ name: 'microsoft.graph.governanceSchedule' })
export class GovernanceScheduleSchema {
  @ApiProperty({ enum: SCHEDULE_TYPES, example: 'Once' })
  type: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-28T10:00:00.000Z',
  })
  startDateTime: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null: the assignment is permanent.',
    example: null,
  })
  endDateTime: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ISO 8601 duration of the assignment, such as `PT8H`.',
    example: 'PT8H',
  })
  duration: string | null;
}

@ApiSchema({
  name: 'microsoft.graph.governanceRoleAssignmentRequest',
  description:
    'A request to add, change, extend, renew or remove a role assignment of a subject on an Azure resource.',
})
export class GovernanceRoleAssignmentRequestSchema {
  @ApiProperty({
    format: 'uuid',
    example: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
  })
  id: string;

  @ApiProperty({
    description: 'The Azure resource the role assignment is on.',
    example: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
  })
  resourceId: string;

  @ApiProperty({ example: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2' })
  roleDefinitionId: string;

  @ApiProperty({
    description: 'The user, group or service principal the role is for.',
    example: 'a1a1a1a1-0000-4000-8000-0000000000a1',
  })
  subjectId: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The eligible assignment an activation refers to.',
    example: null,
  })
  linkedEligibleRoleAssignmentId: string | null;

  @ApiProperty({ enum: REQUEST_TYPES, example: 'UserAdd' })
  type: RequestType;

  @ApiProperty({ enum: ASSIGNMENT_STATES, example: 'Active' })
  assignmentState: AssignmentState;

  @ApiProperty({
    format: 'date-time',
    description: 'When the request was made (UTC).',
    example: '2026-11-28T09:00:00.000Z',
  })
  requestedDateTime: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Deploying a hotfix',
  })
  reason: string | null;

  @ApiProperty({ type: () => GovernanceRoleAssignmentRequestStatusSchema })
  status: GovernanceRoleAssignmentRequestStatusSchema;

  @ApiProperty({
    type: () => GovernanceScheduleSchema,
    nullable: true,
  })
  schedule: GovernanceScheduleSchema | null;
}

/** A single request as GET returns it: the entity, and first the OData context. */
@ApiSchema({
  name: 'microsoft.graph.governanceRoleAssignmentRequest.entityResponse',
  description:
    'One governanceRoleAssignmentRequest, with the OData context of a single entity.',
})
export class GovernanceRoleAssignmentRequestEntityResponse extends GovernanceRoleAssignmentRequestSchema {
  @ApiProperty({
    format: 'uri',
    description:
      '`<base>/beta/$metadata#governanceRoleAssignmentRequests/$entity`; the base is `PUBLIC_BASE_URL` when set, else taken from the `Host` header.',
    example:
      'https://graph.contoso.com/beta/$metadata#governanceRoleAssignmentRequests/$entity',
  })
  '@odata.context': string;
}

const ENTITY_CONTEXT =
  'https://graph.contoso.com/beta/$metadata#governanceRoleAssignmentRequests/$entity';

/** The request of the Graph documentation's cancel example, before and after the cancel. */
export const GOVERNANCE_ROLE_ASSIGNMENT_REQUEST_EXAMPLES = {
  pendingApproval: {
    summary:
      'A pending activation request (the one the cancel example cancels)',
    value: {
      '@odata.context': ENTITY_CONTEXT,
      id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
      roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
      subjectId: 'a1a1a1a1-0000-4000-8000-0000000000a1',
      linkedEligibleRoleAssignmentId: '11b25b04-2d6f-4d9a-a1e9-bbb4c3d0f8c2',
      type: 'UserAdd',
      assignmentState: 'Active',
      requestedDateTime: '2026-11-28T09:00:00.000Z',
      reason: 'Deploying a hotfix',
      status: {
        status: 'InProgress',
        subStatus: 'PendingApproval',
        statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
      },
      schedule: {
        type: 'Once',
        startDateTime: '2026-11-28T10:00:00.000Z',
        endDateTime: null,
        duration: 'PT8H',
      },
    },
  },
  canceled: {
    summary: 'The same request after POST …/cancel',
    value: {
      '@odata.context': ENTITY_CONTEXT,
      id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
      roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
      subjectId: 'a1a1a1a1-0000-4000-8000-0000000000a1',
      linkedEligibleRoleAssignmentId: '11b25b04-2d6f-4d9a-a1e9-bbb4c3d0f8c2',
      type: 'UserAdd',
      assignmentState: 'Active',
      requestedDateTime: '2026-11-28T09:00:00.000Z',
      reason: 'Deploying a hotfix',
      status: {
        status: 'Closed',
        subStatus: 'Canceled',
        statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
      },
      schedule: {
        type: 'Once',
        startDateTime: '2026-11-28T10:00:00.000Z',
        endDateTime: null,
        duration: 'PT8H',
      },
    },
  },
  adminAddEligibleWithoutSchedule: {
    summary:
      'An administrator-made eligible assignment without schedule or reason',
    value: {
      '@odata.context': ENTITY_CONTEXT,
      id: '2f8e1c5a-7b3d-4e9f-a6c1-d0b2e4f68a13',
      resourceId: 'e5e7d29d-5465-45ac-885f-4716a5ee74b5',
      roleDefinitionId: '9e8d5e11-3d8e-4a4f-bcd5-9c7a0f6b1ab2',
      subjectId: 'c3c3c3c3-0000-4000-8000-0000000000c3',
      linkedEligibleRoleAssignmentId: null,
      type: 'AdminAdd',
      assignmentState: 'Eligible',
      requestedDateTime: '2026-11-27T16:20:05.000Z',
      reason: null,
      status: {
        status: 'Closed',
        subStatus: 'Provisioned',
        statusDetails: [],
      },
      schedule: null,
    },
  },
} satisfies Record<
  string,
  {
    summary: string;
    value: GovernanceRoleAssignmentRequestEntityResponse;
  }
>;
