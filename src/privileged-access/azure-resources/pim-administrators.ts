import type { Principal } from '../../auth/principal.js';

/** Directory roles (`wids`) that administer PIM: Privileged Role and Global Administrator. */
export const PIM_ADMINISTRATOR_DIRECTORY_ROLES: readonly string[] = [
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
  '62e90394-69f5-4237-9190-012177145e10',
];

/**
 * A delegated caller without a PIM administrator directory role acts only as a user. So does
 * every Resource Manager caller: there, what a user or an app may do comes from its Azure role
 * assignments alone, not from directory roles or app permissions.
 */
export function actsOnlyAsUser(caller: Principal): boolean {
  if (caller.audience === 'resource-manager') {
    return true;
  }
  return (
    caller.kind === 'delegated' &&
    !caller.directoryRoleIds.some((role) =>
      PIM_ADMINISTRATOR_DIRECTORY_ROLES.includes(role),
    )
  );
}

/**
 * Whether the caller is the subject of what it asks for itself (an activation, a deactivation,
 * an extension): a user; on Resource Manager a service principal too, which Azure lets activate
 * its own eligible role. A Graph application token names an app, never a subject.
 */
export function asksForItself(caller: Principal, subjectId: string): boolean {
  return (
    caller.actorId === subjectId &&
    (caller.kind === 'delegated' || caller.audience === 'resource-manager')
  );
}
