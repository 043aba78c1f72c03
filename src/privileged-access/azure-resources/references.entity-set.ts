import { RESOURCES } from './resources/resources.entity-set.js';
import { ROLE_ASSIGNMENTS } from './role-assignments/role-assignments.entity-set.js';
import { ROLE_DEFINITIONS } from './role-definitions/role-definitions.entity-set.js';
import { SUBJECTS } from './subjects/subjects.entity-set.js';

/**
 * The navigation properties `$expand` follows from the references PIM entities make to one
 * another. These entity sets refer back to this file, so they must read it lazily (a getter):
 * when one of them is evaluated, this module may not be yet.
 */
export const REFERENCE_NAVIGATION = {
  resource: { target: () => RESOURCES, sourceProperty: 'resourceId' },
  roleDefinition: {
    target: () => ROLE_DEFINITIONS,
    sourceProperty: 'roleDefinitionId',
  },
  subject: { target: () => SUBJECTS, sourceProperty: 'subjectId' },
  linkedEligibleRoleAssignment: {
    target: () => ROLE_ASSIGNMENTS,
    sourceProperty: 'linkedEligibleRoleAssignmentId',
  },
} as const;
