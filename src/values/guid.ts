export const GUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Graph ids are case-insensitive GUIDs; we store and compare them in lower case. */
export function normalizeGuid(value: string): string | undefined {
  return GUID_PATTERN.test(value) ? value.toLowerCase() : undefined;
}
