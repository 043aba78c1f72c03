import { isPlainObject } from '../../values/validation-problems.js';

/**
 * Graph-shaped objects may carry `@odata.*` annotations (`@odata.type`, which the Graph SDKs
 * send, `@odata.context`…); they are not data.
 */
export function withoutODataAnnotations(record: unknown): unknown {
  if (
    !isPlainObject(record) ||
    !Object.keys(record).some((key) => key.startsWith('@odata.'))
  ) {
    return record;
  }
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !key.startsWith('@odata.')),
  );
}
