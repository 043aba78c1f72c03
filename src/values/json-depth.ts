/**
 * How deep JSON from a client (a body, a role setting's JSON text, a seed record) may nest
 * objects and lists. Graph's shapes nest a few levels (a role setting's approvers, four);
 * class-transformer walks a value recursively and ran out of stack at a couple of thousand
 * levels, a 500 for a 14 KB body.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects or lists more than `limit` levels; stops looking there. */
export function nestsDeeperThan(
  value: unknown,
  limit = MAX_JSON_DEPTH,
): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const pending: [object, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (depth > limit) {
      return true;
    }
    for (const child of Object.values(item) as unknown[]) {
      if (typeof child === 'object' && child !== null) {
        pending.push([child, depth + 1]);
      }
    }
  }
  return false;
}
