/**
 * The references PIM entities make to one another (`resourceId`, `roleDefinitionId`…) as
 * `$filter` and `$orderby` properties; entity sets take the ones they have.
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
