import type { OpenAPIObject } from '@nestjs/swagger';
import { handlerOperationIdOf } from './documented-route.js';

/** Where the README's table of routes begins and ends: written by `npm run docs:routes`. */
export const ROUTE_TABLE_START =
  '<!-- routes: written by `npm run docs:routes` from the OpenAPI document -->';
export const ROUTE_TABLE_END = '<!-- /routes -->';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface RouteRow {
  readonly method: string;
  readonly paths: string[];
  readonly summary: string;
}

/**
 * The table of every route of the OpenAPI document, one row per handler (a handler serving
 * several paths, such as an entity set's list under `privilegedAccess/azureResources` and at the
 * top level, is one row listing them all), in the document's order. Written from the document,
 * the README's table cannot miss a route the service serves.
 */
export function routeTableOf(document: OpenAPIObject): string {
  const rows = new Map<string, RouteRow>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const key = `${method} ${handlerOperationIdOf(operation.operationId ?? path)}`;
      const row = rows.get(key);
      if (row) {
        row.paths.push(path);
      } else {
        rows.set(key, {
          method: method.toUpperCase(),
          paths: [path],
          summary: operation.summary ?? '',
        });
      }
    }
  }
  return [
    '| method | path | what |',
    '| --- | --- | --- |',
    ...[...rows.values()].map(
      (row) =>
        `| ${row.method} | ${row.paths.map(codeSpan).join('<br>')} | ${escapeCell(row.summary)} |`,
    ),
  ].join('\n');
}

/** `readme` with the text between its route-table markers replaced by `table`. */
export function withRouteTable(readme: string, table: string): string {
  const start = readme.indexOf(ROUTE_TABLE_START);
  const end = readme.indexOf(ROUTE_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(
      `The README has no "${ROUTE_TABLE_START}" … "${ROUTE_TABLE_END}" section to write the routes into`,
    );
  }
  return `${readme.slice(0, start + ROUTE_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

function codeSpan(path: string): string {
  return `\`${path}\``;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
