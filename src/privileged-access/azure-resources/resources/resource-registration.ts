import type { ResourceEntity } from './resource.entity.js';

/**
 * The resources PIM registers, by their ARM id: a subscription (`/subscriptions/{guid}`) or a
 * management group (`/providers/Microsoft.Management/managementGroups/{name}`, a name as Azure
 * allows it: up to 90 letters, digits, `-`, `_`, `.`, `(`, `)`, not ending with a period).
 */
export const REGISTRABLE_EXTERNAL_ID =
  /^(?:\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\/providers\/microsoft\.management\/managementgroups\/[\w\-.()]{0,89}[\w\-()])$/i;

/** What registering an ARM id makes of it, before the tenant and the time are known. */
export type RegistrableResource = Pick<
  ResourceEntity,
  'externalId' | 'type' | 'displayName'
>;

/**
 * The resource an ARM id names, its id spelled as Azure spells it (ARM compares ids without
 * regard to case); undefined for an id PIM does not register.
 */
export function registrableResourceOf(
  externalId: string,
): RegistrableResource | undefined {
  if (!REGISTRABLE_EXTERNAL_ID.test(externalId)) {
    return undefined;
  }
  const name = externalId.slice(externalId.lastIndexOf('/') + 1);
  return externalId.toLowerCase().startsWith('/subscriptions/')
    ? {
        externalId: `/subscriptions/${name.toLowerCase()}`,
        type: 'subscription',
        displayName: name.toLowerCase(),
      }
    : {
        externalId: `/providers/Microsoft.Management/managementGroups/${name}`,
        type: 'managementgroup',
        displayName: name,
      };
}
