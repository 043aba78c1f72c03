import { TENANT_A, TENANT_B } from './tokens.js';

/** A GUID of a fixture collection: `<prefix>-0000-4000-8000-<n>`. */
export function fixtureId(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const RESOURCE = (n: number) => fixtureId('10000000', n);
export const SUBJECT = (n: number) => fixtureId('20000000', n);
export const ROLE_DEFINITION = (n: number) => fixtureId('30000000', n);
export const ROLE_SETTING = (n: number) => fixtureId('40000000', n);
export const ROLE_ASSIGNMENT = (n: number) => fixtureId('50000000', n);
export const REQUEST_OF_A = (n: number) => fixtureId('60000000', n);
export const REQUEST_OF_B = (n: number) => fixtureId('6b000000', n);

export type FixtureRecord = Record<string, unknown> & { id: string };
export type Fixture = Record<string, FixtureRecord[]>;

const RULES = {
  expiration: {
    ruleIdentifier: 'ExpirationRule',
    setting: '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}',
  },
  mfa: { ruleIdentifier: 'MfaRule', setting: '{"mfaRequired":true}' },
  approval: {
    ruleIdentifier: 'ApprovalRule',
    setting: `{"Enabled":true,"Approvers":[{"Id":"${SUBJECT(1)}","Type":"User"}]}`,
  },
};

/**
 * Tenant A's PIM data: eight of each entity (seven resources), with values chosen so that every
 * filter operator selects a known part. Display names sort the same under any collation.
 */
export function tenantAFixture(): Fixture {
  const tenantId = TENANT_A;
  const resources: FixtureRecord[] = [
    {
      id: RESOURCE(0),
      tenantId,
      externalId: `/subscriptions/${RESOURCE(0)}`,
      type: 'subscription',
      displayName: 'contoso production',
      status: 'Active',
      registeredDateTime: '2026-01-01T00:00:00Z',
      registeredRoot: `/subscriptions/${RESOURCE(0)}`,
      parentId: null,
    },
    ...[1, 2, 3, 4, 5, 6].map((n) => ({
      id: RESOURCE(n),
      tenantId,
      externalId: `/subscriptions/${RESOURCE(0)}/resourceGroups/rg-0${n}`,
      type: 'resourcegroup',
      displayName: `rg-0${n}`,
      status: n === 3 || n === 5 ? 'Locked' : 'Active',
      registeredDateTime: n === 6 ? null : `2026-0${n + 1}-15T12:00:00Z`,
      registeredRoot: null,
      parentId: RESOURCE(0),
    })),
  ];
  const subjects: FixtureRecord[] = [
    ['User', 'adele vance', 'adele@contoso.example'],
    ['User', 'ben walters', 'ben@contoso.example'],
    ['User', 'chloe ortiz', null],
    ['Group', 'operators', null],
  ].map(([type, displayName, email], n) => ({
    id: SUBJECT(n),
    tenantId,
    type,
    displayName,
    email,
    principalName: type === 'User' ? email : null,
  }));
  const roleNames = [
    'owner',
    'contributor',
    'reader',
    'user access administrator',
  ];
  const roleDefinitions: FixtureRecord[] = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) => ({
      id: ROLE_DEFINITION(n),
      tenantId,
      resourceId: n < 4 ? RESOURCE(0) : n < 7 ? RESOURCE(1) : RESOURCE(2),
      externalId: `/roleDefinitions/${ROLE_DEFINITION(n)}`,
      displayName: `${roleNames[n % 4]} ${n}`,
      templateId: fixtureId('70000000', n % 4),
    }),
  );
  const roleSettings: FixtureRecord[] = roleDefinitions.map(
    (definition, n) => ({
      id: ROLE_SETTING(n),
      tenantId,
      resourceId: definition.resourceId,
      roleDefinitionId: definition.id,
      isDefault: n % 2 === 0,
      lastUpdatedDateTime: n < 4 ? `2026-03-0${n + 1}T08:00:00Z` : null,
      lastUpdatedBy: n < 4 ? 'admin@contoso.example' : null,
      adminEligibleSettings: [RULES.expiration],
      adminMemberSettings: [RULES.expiration, RULES.mfa],
      userEligibleSettings: [],
      userMemberSettings: n % 3 === 0 ? [RULES.approval] : [RULES.mfa],
    }),
  );
  const roleAssignments: FixtureRecord[] = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) => ({
      id: ROLE_ASSIGNMENT(n),
      tenantId,
      resourceId: n < 5 ? RESOURCE(0) : RESOURCE(1),
      roleDefinitionId: ROLE_DEFINITION(n % 4),
      subjectId: SUBJECT(n % 4),
      // Assignments 4–7 are activations of the eligible assignments 0–3.
      linkedEligibleRoleAssignmentId: n >= 4 ? ROLE_ASSIGNMENT(n - 4) : null,
      externalId: `/roleAssignments/${ROLE_ASSIGNMENT(n)}`,
      startDateTime: `2026-05-0${n + 1}T00:00:00Z`,
      endDateTime: n % 2 ? `2026-12-0${n + 1}T00:00:00Z` : null,
      assignmentState: n < 4 ? 'Eligible' : 'Active',
      memberType: n === 3 ? 'Group' : 'Direct',
      status: 'Provisioned',
    }),
  );
  const subStatuses = [
    ['InProgress', 'PendingApproval'],
    ['InProgress', 'Granted'],
    ['Closed', 'Provisioned'],
    ['Closed', 'Canceled'],
    ['Closed', 'Denied'],
    ['InProgress', 'PendingAdminDecision'],
    ['Closed', 'TimedOut'],
    ['InProgress', 'Granted'],
  ];
  const roleAssignmentRequests: FixtureRecord[] = subStatuses.map(
    ([status, subStatus], n) => ({
      id: REQUEST_OF_A(n),
      tenantId,
      requestorId: SUBJECT(n % 3),
      resourceId: n < 5 ? RESOURCE(0) : RESOURCE(1),
      roleDefinitionId: ROLE_DEFINITION(n % 4),
      subjectId: SUBJECT(n % 3),
      linkedEligibleRoleAssignmentId: n % 2 ? ROLE_ASSIGNMENT(n % 4) : null,
      type: n % 2 ? 'UserAdd' : 'AdminAdd',
      assignmentState: n % 2 ? 'Active' : 'Eligible',
      requestedDateTime: `2026-11-0${n + 1}T09:00:00Z`,
      reason: n % 4 === 0 ? null : `reason ${n}`,
      schedule:
        n === 7
          ? null
          : {
              type: 'Once',
              startDateTime: `2026-11-1${n}T10:00:00Z`,
              endDateTime: n % 2 ? `2026-11-2${n}T10:00:00Z` : null,
              duration: 'PT8H',
            },
      status: { status, subStatus, statusDetails: [] },
    }),
  );
  return {
    resources,
    subjects,
    roleDefinitions,
    roleSettings,
    roleAssignments,
    roleAssignmentRequests,
  };
}

/**
 * Tenant B: the same ids as tenant A for every entity but requests, with other names, so that
 * any query that forgot the tenant would show B's rows to A (or mix them in an expansion).
 */
export function tenantBFixture(): Fixture {
  const a = tenantAFixture();
  const renamed = (records: FixtureRecord[]) =>
    records.map((record) => ({
      ...record,
      tenantId: TENANT_B,
      ...(typeof record.displayName === 'string' && {
        displayName: `fabrikam ${record.displayName}`,
      }),
    }));
  return {
    resources: renamed(a.resources.slice(0, 3)),
    subjects: renamed(a.subjects.slice(0, 2)),
    roleDefinitions: renamed(a.roleDefinitions.slice(0, 2)),
    roleSettings: renamed(a.roleSettings.slice(0, 2)),
    roleAssignments: renamed(a.roleAssignments.slice(0, 2)),
    roleAssignmentRequests: renamed(a.roleAssignmentRequests.slice(0, 2)).map(
      (request, n) => ({ ...request, id: REQUEST_OF_B(n) }),
    ),
  };
}
