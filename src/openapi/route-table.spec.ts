import type { OpenAPIObject } from '@nestjs/swagger';
import {
  ROUTE_TABLE_END,
  ROUTE_TABLE_START,
  routeTableOf,
  withRouteTable,
} from './route-table.js';

const DOCUMENT = {
  openapi: '3.0.0',
  info: { title: 'widgets', version: '1' },
  paths: {
    '/beta/widgets': {
      get: { operationId: 'WidgetsController_list', summary: 'List widgets' },
      post: {
        operationId: 'WidgetsController_create',
        summary: 'Create | add',
      },
    },
    '/beta/widgets/{id}/colour': {
      get: {
        operationId: 'WidgetsController_navigate[0]',
        summary: 'Related',
      },
    },
    '/beta/widgets/{id}/shape': {
      get: {
        operationId: 'WidgetsController_navigate[1]',
        summary: 'Related',
      },
    },
    '/health': { get: { operationId: 'HealthController_live' } },
  },
} as unknown as OpenAPIObject;

describe('routeTableOf', () => {
  it('writes a row per handler and method, the paths of one handler together, in the document’s order', () => {
    expect(routeTableOf(DOCUMENT).split('\n')).toEqual([
      '| method | path | what |',
      '| --- | --- | --- |',
      '| GET | `/beta/widgets` | List widgets |',
      '| POST | `/beta/widgets` | Create \\| add |',
      '| GET | `/beta/widgets/{id}/colour`<br>`/beta/widgets/{id}/shape` | Related |',
      '| GET | `/health` |  |',
    ]);
  });
});

describe('withRouteTable', () => {
  const readme = `# Title\n\n${ROUTE_TABLE_START}\n\nold table\n\n${ROUTE_TABLE_END}\n\nafter\n`;

  it('replaces what lies between the markers and keeps the rest', () => {
    expect(withRouteTable(readme, 'new table')).toBe(
      `# Title\n\n${ROUTE_TABLE_START}\n\nnew table\n\n${ROUTE_TABLE_END}\n\nafter\n`,
    );
  });

  it('refuses a README without the markers, rather than losing the table', () => {
    expect(() => withRouteTable('# Title\n', 'table')).toThrow(/no .* section/);
  });
});
