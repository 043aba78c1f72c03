import type { Principal } from '../../auth/principal.js';

/** Directory roles (`wids`) that administer PIM: Privileged Role and Global Administrator. */
export const PIM_ADMINISTRATOR_DIRECTORY_ROLES: readonly string[] = [
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
  '62e90394-69f5-4237-9190-012177145e10',
];

/** A delegated caller without a PIM administrator directory role acts only as a user. */
export function actsOnlyAsUser(caller: Principal): boolean {
  return (
    caller.kind === 'delegated' &&
    !caller.directoryRoleIds.some((role) =>
      PIM_ADMINISTRATOR_DIRECTORY_ROLES.includes(role),
    )
  );
}
