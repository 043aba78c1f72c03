import { Reflector } from '@nestjs/core';

/** OData system query options. Graph beta also accepts them without the `$`. */
export const SYSTEM_QUERY_OPTIONS = [
  'select',
  'filter',
  'expand',
  'top',
  'skip',
  'orderby',
  'count',
  'search',
  'format',
  'skiptoken',
] as const;

export type SystemQueryOption = (typeof SYSTEM_QUERY_OPTIONS)[number];

/**
 * Declares which OData system query options a route supports; any other one gets a 400
 * BadRequest naming it. A route without the declaration supports none.
 */
export const ODataQueryOptions =
  Reflector.createDecorator<readonly SystemQueryOption[]>();

/** The first system query option in the URL that is not allowed, as the client spelled it. */
export function findUnsupportedQueryOption(
  url: string,
  allowed: readonly SystemQueryOption[],
): string | undefined {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) {
    return undefined;
  }
  const parameters = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of parameters.keys()) {
    const option = name.replace(/^\$/, '').toLowerCase();
    if (
      (SYSTEM_QUERY_OPTIONS as readonly string[]).includes(option) &&
      !(allowed as readonly string[]).includes(option)
    ) {
      return name;
    }
  }
  return undefined;
}
