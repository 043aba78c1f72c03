import { SegmentNotFoundError } from './graph-errors.js';

/**
 * The URL as the router matches it, for the spellings of one path that OData allows and Graph
 * takes alike: each `%24` of the path read as `$` (clients encode the `$` of system segments,
 * `/beta/%24metadata`, `…/%24count`), and a call of a function without parameters written
 * with or without its parentheses (`roleAssignments/export()`, as the Kiota SDKs call it). The
 * router matches a path as it was sent, and a route path cannot hold `()`. The query is left
 * as it is: its options are decoded where they are read.
 */
export function routedGraphUrl(url: string): string {
  // Every request passes here, and few use either spelling: those are left without a regex.
  if (!url.includes('%24') && !url.includes('()')) {
    return url;
  }
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart);
  return `${path.replace(/%24/gi, '$').replace(/\(\)(?=\/|$)/g, '')}${query}`;
}

/**
 * Refuses a path parameter that is an OData system segment (`$metadata`, `$value`, `$ref`): a
 * route that has such a segment names it, so under a route that takes `{id}` there it is a
 * segment the path does not have, not an id.
 */
export function checkNoSystemSegmentIn(
  parameters: Readonly<Record<string, unknown>> | undefined,
): void {
  const segment = Object.values(parameters ?? {}).find(
    (value): value is string =>
      typeof value === 'string' && value.startsWith('$'),
  );
  if (segment !== undefined) {
    throw new SegmentNotFoundError(segment);
  }
}
