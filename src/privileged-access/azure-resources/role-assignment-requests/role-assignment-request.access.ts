import type { Principal } from '../../../auth/principal.js';
import { PIM_ADMINISTRATOR_DIRECTORY_ROLES } from './role-assignment-request.model.js';

/** A delegated caller without a PIM administrator directory role acts only as a user. */
export function actsOnlyAsUser(caller: Principal): boolean {
  return (
    caller.kind === 'delegated' &&
    !caller.directoryRoleIds.some((role) =>
      PIM_ADMINISTRATOR_DIRECTORY_ROLES.includes(role),
    )
  );
}
