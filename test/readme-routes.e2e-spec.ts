import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { routeTableOf, withRouteTable } from '../src/openapi/route-table.js';
import { openApiDocumentOf } from './support/hostile-input.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * README's table of routes is the served OpenAPI document's, row for row: a route added without
 * `npm run docs:routes` fails here.
 */
describe('README: the table of routes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('lists every route the service serves, as npm run docs:routes writes it', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = routeTableOf(await openApiDocumentOf(testApp));

    const expected = await format(withRouteTable(readme, table), {
      ...(await resolveConfig('README.md')),
      parser: 'markdown',
    });

    expect(readme).toBe(expected);
  });
});
