/** SQL the reference server runs as the service does, and whose plans the harness prints. */

const RESOURCE_ADMINISTRATOR_ROLES = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
];
/**
 * The service's condition that a user may act on a request: its requestor or subject, or an
 * active Owner or User Access Administrator of its resource. `parameter()` gives the next
 * placeholder; `mayActValues` the values in the same order.
 */
export const MAY_ACT = (parameter) => `(requestor_id = ${parameter()}
        OR subject_id = ${parameter()}
        OR EXISTS (SELECT 1 FROM role_assignments a
              JOIN role_definitions d ON d.tenant_id = a.tenant_id AND d.id = a.role_definition_id
             WHERE a.tenant_id = role_assignment_requests.tenant_id
               AND a.resource_id = role_assignment_requests.resource_id
               AND a.subject_id = ${parameter()}
               AND a.assignment_state = ${parameter()}
               AND (a.start_date_time IS NULL OR a.start_date_time <= ${parameter()})
               AND (a.end_date_time IS NULL OR a.end_date_time > ${parameter()})
               AND d.template_id IN (${parameter()}, ${parameter()})))`;
export const mayActValues = (userId, now) => [
  userId,
  userId,
  userId,
  'Active',
  now,
  now,
  ...RESOURCE_ADMINISTRATOR_ROLES,
];
/** Numbered placeholders from `first` on, for PostgreSQL. */
export const numbered = (first) => {
  let next = first;
  return () => `$${next++}`;
};
