/**
 * The references PIM entities make to one another (`resourceId`, `roleDefinitionId`…): as
 * `$filter` and `$orderby` properties, and as the navigation properties `$expand` follows.
 * Entity sets take the ones they have.
 */
export const REFERENCE_PROPERTIES = {
  resourceId: { column: 'resourceId', type: 'guid' },
  roleDefinitionId: { column: 'roleDefinitionId', type: 'guid' },
  subjectId: { column: 'subjectId', type: 'guid' },
  linkedEligibleRoleAssignmentId: {
    column: 'linkedEligibleRoleAssignmentId',
    type: 'guid',
    nullable: true,
  },
} as const;

export const REFERENCE_NAVIGATION = {
  resource: { target: 'governanceResources', sourceProperty: 'resourceId' },
  roleDefinition: {
    target: 'governanceRoleDefinitions',
    sourceProperty: 'roleDefinitionId',
  },
  subject: { target: 'governanceSubjects', sourceProperty: 'subjectId' },
  linkedEligibleRoleAssignment: {
    target: 'governanceRoleAssignments',
    sourceProperty: 'linkedEligibleRoleAssignmentId',
  },
} as const;
