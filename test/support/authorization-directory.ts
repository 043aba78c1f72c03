import {
  assignmentRecord,
  resourceRecord,
  ROLE_TEMPLATES,
  roleDefinitionRecord,
  userRecord,
} from './directory.js';
import { fixtureId } from './pim-fixture.js';
import { READ_WRITE, TENANT_A, userToken } from './tokens.js';

/**
 * A tenant whose users stand in every relation to a resource that decides who may act on it,
 * for the authorization matrices of the write routes.
 */
export const RESOURCE = fixtureId('a0000000', 1);
export const OTHER_RESOURCE = fixtureId('a0000000', 2);
export const ROLES = {
  owner: fixtureId('b0000000', 1),
  userAccessAdministrator: fixtureId('b0000000', 2),
  reader: fixtureId('b0000000', 3),
  ownerOfOther: fixtureId('b0000000', 4),
};
export const USERS = {
  requestor: fixtureId('c0000000', 1),
  subject: fixtureId('c0000000', 2),
  owner: fixtureId('c0000000', 3),
  userAccessAdministrator: fixtureId('c0000000', 4),
  reader: fixtureId('c0000000', 5),
  ownerOfOtherResource: fixtureId('c0000000', 6),
  eligibleOwner: fixtureId('c0000000', 7),
  formerOwner: fixtureId('c0000000', 8),
  futureOwner: fixtureId('c0000000', 9),
  outsider: fixtureId('c0000000', 10),
  approver: fixtureId('c0000000', 11),
};
export const ROLE_SETTINGS = {
  reader: fixtureId('e0000000', 1),
  owner: fixtureId('e0000000', 2),
  ownerOfOther: fixtureId('e0000000', 3),
};

/** The Owner role's rules for activating it: what the reported escalation turned off. */
export const OWNER_ACTIVATION_RULES = [
  {
    ruleIdentifier: 'ExpirationRule',
    setting: '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}',
  },
  { ruleIdentifier: 'MfaRule', setting: '{"mfaRequired":true}' },
  { ruleIdentifier: 'JustificationRule', setting: '{"required":true}' },
  {
    ruleIdentifier: 'ApprovalRule',
    setting: JSON.stringify({
      Enabled: true,
      Approvers: [{ Id: USERS.owner, Type: 'User' }],
    }),
  },
];

/** Tenant A's directory: who holds which role on which resource, and since when. */
export function authorizationDirectory() {
  const tenantId = TENANT_A;
  const assignment = (
    n: number,
    subjectId: string,
    roleDefinitionId: string,
    overrides: Record<string, unknown> = {},
  ) =>
    assignmentRecord(tenantId, {
      id: fixtureId('d0000000', n),
      resourceId:
        roleDefinitionId === ROLES.ownerOfOther ? OTHER_RESOURCE : RESOURCE,
      roleDefinitionId,
      subjectId,
      startDateTime: '2026-01-01T00:00:00Z',
      endDateTime: null,
      ...overrides,
    });
  return {
    resources: [RESOURCE, OTHER_RESOURCE].map((id) =>
      resourceRecord(tenantId, id),
    ),
    roleDefinitions: [
      [ROLES.owner, ROLE_TEMPLATES.owner, RESOURCE],
      [
        ROLES.userAccessAdministrator,
        ROLE_TEMPLATES.userAccessAdministrator,
        RESOURCE,
      ],
      [ROLES.reader, ROLE_TEMPLATES.reader, RESOURCE],
      [ROLES.ownerOfOther, ROLE_TEMPLATES.owner, OTHER_RESOURCE],
    ].map(([id, templateId, resourceId]) =>
      roleDefinitionRecord(tenantId, id, resourceId, templateId),
    ),
    subjects: Object.entries(USERS).map(([name, id]) =>
      userRecord(tenantId, id, name),
    ),
    roleSettings: [
      {
        id: ROLE_SETTINGS.reader,
        tenantId,
        resourceId: RESOURCE,
        roleDefinitionId: ROLES.reader,
        userMemberSettings: [
          {
            ruleIdentifier: 'ApprovalRule',
            setting: JSON.stringify({
              Enabled: true,
              Approvers: [{ Id: USERS.approver }],
            }),
          },
        ],
      },
      {
        id: ROLE_SETTINGS.owner,
        tenantId,
        resourceId: RESOURCE,
        roleDefinitionId: ROLES.owner,
        userMemberSettings: OWNER_ACTIVATION_RULES,
      },
      {
        id: ROLE_SETTINGS.ownerOfOther,
        tenantId,
        resourceId: OTHER_RESOURCE,
        roleDefinitionId: ROLES.ownerOfOther,
        userMemberSettings: OWNER_ACTIVATION_RULES,
      },
    ],
    roleAssignments: [
      assignment(1, USERS.owner, ROLES.owner),
      assignment(
        2,
        USERS.userAccessAdministrator,
        ROLES.userAccessAdministrator,
      ),
      assignment(3, USERS.reader, ROLES.reader),
      assignment(4, USERS.ownerOfOtherResource, ROLES.ownerOfOther),
      assignment(5, USERS.eligibleOwner, ROLES.owner, {
        assignmentState: 'Eligible',
      }),
      assignment(6, USERS.formerOwner, ROLES.owner, {
        endDateTime: '2026-02-01T00:00:00Z',
      }),
      assignment(7, USERS.futureOwner, ROLES.owner, {
        startDateTime: '2099-01-01T00:00:00Z',
      }),
    ],
  };
}

/** A user of tenant A with ReadWrite, and the directory roles (`wids`) given. */
export const user = (objectId: string, directoryRoleIds?: string[]) =>
  userToken([READ_WRITE], { objectId, directoryRoleIds });
