/** Examples of the request's JSON in the OpenAPI document. */
const ENTITY_CONTEXT =
  'https://graph.contoso.com/beta/$metadata#governanceRoleAssignmentRequests/$entity';

/** The request of the Graph documentation's cancel example, waiting for its approver. */
const PENDING_APPROVAL = {
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
};

/** The request of the Graph documentation's cancel example, before and after the cancel. */
export const GOVERNANCE_ROLE_ASSIGNMENT_REQUEST_EXAMPLES = {
  pendingApproval: {
    summary:
      'A pending activation request (the one the cancel example cancels)',
    value: PENDING_APPROVAL,
  },
  canceled: {
    summary: 'The same request after POST …/cancel',
    value: {
      ...PENDING_APPROVAL,
      status: {
        ...PENDING_APPROVAL.status,
        status: 'Closed',
        subStatus: 'Canceled',
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
};
