import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  authorization,
  expectApiAnswer,
  FUZZ_SEED,
  healthLatenciesDuring,
  type HostileRequest,
  type KnownIds,
  odataArbitraries,
  openApiDocumentOf,
  otherHeaders,
  pathSegment,
  plainPath,
  QUERY_LIMIT_CASES,
  queryString,
  routePath,
  routeVocabulary,
  sendAndCheck,
  sendHostile,
  type ServedRoute,
  servedRoutes,
  templateKey,
  WORST_QUERY_STRINGS,
} from './support/hostile-input.js';
import {
  REQUEST_OF_A,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import { userToken } from './support/tokens.js';

/**
 * Hostile input, part 1: random ids, query strings, headers and methods on every route the app
 * serves. Whatever is sent, the answer is never a server error, every client error is a Graph
 * error JSON, and the server still serves an ordinary call afterwards (support/hostile-input.ts).
 * Bodies are fuzzed in hostile-bodies.e2e-spec.ts.
 */
describe('hostile input: ids, query strings, headers, methods', () => {
  let testApp: TestApp;
  let document: OpenAPIObject;
  let routes: ServedRoute[];
  let knownIds: string[];
  let idsByCollection: KnownIds;

  beforeAll(async () => {
    // Throttling would answer the fuzzing's thousands of calls with 429s, and the ordinary call
    // after each of them too.
    const fixture = tenantAFixture();
    testApp = await startSeededTestApp([fixture, tenantBFixture()], {
      THROTTLE_LIMIT: '0',
    });
    document = await openApiDocumentOf(testApp);
    routes = servedRoutes(testApp, document);
    knownIds = [
      ...Object.values(fixture).flatMap((records) =>
        records.map((record) => record.id),
      ),
      // The Graph documentation's example, unknown to this tenant.
      '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
    ];
    idsByCollection = new Map(
      Object.entries(fixture).map(([collection, records]) => [
        collection.toLowerCase(),
        records.map((record) => record.id),
      ]),
    );
  });
  afterAll(() => testApp.close());

  const parameters = (numRuns: number): fc.Parameters<unknown> => ({
    seed: FUZZ_SEED,
    numRuns,
    endOnFailure: false,
  });

  it('fuzzes every route the router serves, every operation the document names among them', () => {
    const served = new Set(
      routes.flatMap((route) =>
        route.methods.map((method) => `${method} ${templateKey(route.path)}`),
      ),
    );
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      ['get', 'post', 'patch', 'put', 'delete']
        .filter((method) => method in item)
        .map((method) => `${method.toUpperCase()} ${templateKey(path)}`),
    );
    expect(documented.filter((operation) => !served.has(operation))).toEqual(
      [],
    );
    // The routes outside the document: the document itself and the docs page.
    expect(
      routes
        .map((route) => route.path)
        .filter(
          (path) => !(templateKey(path) in lowerCaseKeys(document.paths)),
        ),
    ).toEqual(expect.arrayContaining(['/openapi.json', '/docs', '/docs/{id}']));
  });

  function request(
    route: ServedRoute,
    method: string,
    path: Buffer,
    extra: Partial<HostileRequest> = {},
  ): HostileRequest {
    return {
      method,
      path,
      headers: [['Authorization', `Bearer ${userToken()}`]],
      ...extra,
    };
  }

  it('answers hostile path ids on every route', async () => {
    const route = fc.constantFrom(...routes);
    await fc.assert(
      fc.asyncProperty(
        route.chain((picked) =>
          fc.record({
            route: fc.constant(picked),
            method: fc.constantFrom(...picked.methods, 'HEAD'),
            path: routePath(picked, pathSegment(knownIds)),
            auth: authorization,
          }),
        ),
        async ({ route: picked, method, path, auth }) => {
          await sendAndCheck(
            testApp,
            request(picked, method, path, { headers: auth }),
          );
        },
      ),
      parameters(400),
    );
  });

  it('answers hostile query strings on every route', async () => {
    const odata = new Map(
      routes.map((candidate) => [
        candidate.path,
        odataArbitraries(routeVocabulary(document, candidate.path)),
      ]),
    );
    // The routes that read OData options, mostly: the others refuse them all alike.
    const route = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          ...routes.filter(
            (candidate) =>
              candidate.path.startsWith('/beta/') &&
              candidate.methods.includes('GET'),
          ),
        ),
        weight: 9,
      },
      { arbitrary: fc.constantFrom(...routes), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(
        route.chain((picked) =>
          fc.record({
            route: fc.constant(picked),
            method: fc.constantFrom(...picked.methods),
            path: fc.oneof(
              { arbitrary: plainPath(picked, idsByCollection), weight: 9 },
              {
                arbitrary: routePath(picked, pathSegment(knownIds)),
                weight: 1,
              },
            ),
            query: queryString(odata.get(picked.path)!),
          }),
        ),
        async ({ route: picked, method, path, query }) => {
          await sendAndCheck(testApp, request(picked, method, path, { query }));
        },
      ),
      parameters(1200),
    );
  });

  // Found by the query property on PostgreSQL, which refuses a statement binding U+0000.
  it.each([
    ['a $filter string literal', "$filter=startswith(status/subStatus,'%00')"],
    [
      'a $skiptoken key',
      `$skiptoken=${Buffer.from(JSON.stringify({ order: 'id asc', key: ['\u0000'] })).toString('base64url')}`,
    ],
  ])('refuses U+0000 in %s as a bad request', async (_case, query) => {
    const response = await sendAndCheck(testApp, {
      method: 'GET',
      path: Buffer.from(
        '/beta/privilegedAccess/azureResources/roleAssignmentRequests',
      ),
      query: Buffer.from(query),
      headers: [['Authorization', `Bearer ${userToken()}`]],
    });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: { code: 'BadRequest' },
    });
  });

  // Found by the query property on PostgreSQL, which refuses to bind a date before 4713 BC.
  it.each([
    [
      'a $filter date literal',
      '$filter=schedule/endDateTime%20eq%20-100000-12-31T23:59:59.999Z',
    ],
    [
      'a $skiptoken key',
      `$orderby=requestedDateTime&$skiptoken=${Buffer.from(
        JSON.stringify({
          order: 'requestedDateTime asc,id asc',
          key: ['-100000-12-31T23:59:59.999Z', REQUEST_OF_A(0)],
        }),
      ).toString('base64url')}`,
    ],
  ])(
    'refuses a date outside the years 0001 to 9999 in %s as a bad request',
    async (_case, query) => {
      const response = await sendAndCheck(testApp, {
        method: 'GET',
        path: Buffer.from(
          '/beta/privilegedAccess/azureResources/roleAssignmentRequests',
        ),
        query: Buffer.from(query),
        headers: [['Authorization', `Bearer ${userToken()}`]],
      });

      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: { code: 'BadRequest' },
      });
    },
  );

  const listRequest = (query: string): HostileRequest => ({
    method: 'GET',
    path: Buffer.from(
      '/beta/privilegedAccess/azureResources/roleAssignmentRequests',
    ),
    query: Buffer.from(query),
    headers: [['Authorization', `Bearer ${userToken()}`]],
  });

  it.each(QUERY_LIMIT_CASES.map((limit) => [limit.name, limit] as const))(
    'answers OData options at the limit of %s and refuses them beyond it',
    async (_name, limit) => {
      const atLimit = await sendAndCheck(testApp, listRequest(limit.atLimit));
      const beyond = await sendAndCheck(testApp, listRequest(limit.beyond));

      expect(atLimit.status).toBe(200);
      expect(beyond.status).toBe(400);
      expect(JSON.parse(beyond.text)).toMatchObject({
        error: { code: 'BadRequest', message: limit.message },
      });
    },
  );

  // SQLite refused the SQL of 1000 nested NOTs: "Expression tree is too large", a 500.
  it('refuses a chain of 1000 not as a bad request', async () => {
    const response = await sendAndCheck(
      testApp,
      listRequest(
        `$filter=${encodeURIComponent(`${'not '.repeat(1000)}id eq '${REQUEST_OF_A(0)}'`)}`,
      ),
    );

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: {
        code: 'BadRequest',
        message: 'The $filter is longer than 2048 characters.',
      },
    });
  });

  it('answers /health/live within a second while the costliest OData options arrive', async () => {
    const burst = Promise.all(
      WORST_QUERY_STRINGS.map(async (query) => {
        const request = listRequest(query);
        expectApiAnswer(request, await sendHostile(testApp, request));
      }),
    );
    const latencies = await healthLatenciesDuring(testApp, burst);

    expect(Math.max(...latencies)).toBeLessThan(1000);
  }, 120_000);

  it('answers hostile headers on every route', async () => {
    const route = fc.constantFrom(...routes);
    await fc.assert(
      fc.asyncProperty(
        route.chain((picked) =>
          fc.record({
            route: fc.constant(picked),
            method: fc.constantFrom(...picked.methods, 'HEAD'),
            path: routePath(picked, pathSegment(knownIds)),
            auth: authorization,
            others: otherHeaders,
            authLast: fc.boolean(),
          }),
        ),
        async ({ route: picked, method, path, auth, others, authLast }) => {
          await sendAndCheck(
            testApp,
            request(picked, method, path, {
              headers: authLast ? [...others, ...auth] : [...auth, ...others],
            }),
          );
        },
      ),
      parameters(400),
    );
  });

  // Found by the headers property: Node.js answered a bare 417 itself.
  it('answers an Expect it cannot meet with a Graph error', async () => {
    const response = await sendAndCheck(testApp, {
      method: 'GET',
      path: Buffer.from('/beta/privilegedAccess/azureResources/resources'),
      headers: [
        ['Authorization', `Bearer ${userToken()}`],
        ['Expect', 'a'],
      ],
    });

    expect(response.status).toBe(417);
    expect(JSON.parse(response.text)).toMatchObject({
      error: { code: 'ExpectationFailed' },
    });
  });

  // Found by the methods property: Node.js closed a CONNECT's connection without an answer.
  it('answers CONNECT with a Graph error', async () => {
    const response = await sendAndCheck(testApp, {
      method: 'CONNECT',
      path: Buffer.from('/beta/privilegedAccess/azureResources/resources'),
      headers: [['Authorization', `Bearer ${userToken()}`]],
    });

    expect(response.status).toBe(405);
    expect(JSON.parse(response.text)).toMatchObject({
      error: { code: 'MethodNotAllowed' },
    });
  });

  it('answers any method on any path', async () => {
    const knownRoute = fc.constantFrom(...routes);
    const unknownRoute = fc.constantFrom<ServedRoute>(
      { path: '/{id}', methods: ['GET'] },
      { path: '/beta/{id}', methods: ['GET'] },
      { path: '/beta/privilegedAccess/{id}', methods: ['GET'] },
      { path: '/beta/privilegedAccess/azureResources/{id}', methods: ['GET'] },
      { path: '/beta/$metadata', methods: ['GET'] },
      { path: '/health/{id}', methods: ['GET'] },
      { path: '/docs/{id}', methods: ['GET'] },
      { path: '/docs/{id}/{id}', methods: ['GET'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(knownRoute, unknownRoute).chain((picked) =>
          fc.record({
            route: fc.constant(picked),
            method: fc.constantFrom(
              'GET',
              'HEAD',
              'POST',
              'PUT',
              'PATCH',
              'DELETE',
              'OPTIONS',
              'TRACE',
              'PROPFIND',
              'SEARCH',
              'MKCOL',
              'LINK',
              'QUERY',
              'CONNECT',
              'get',
              'FOO',
            ),
            path: routePath(picked, pathSegment(knownIds)),
            auth: authorization,
          }),
        ),
        async ({ route: picked, method, path, auth }) => {
          await sendAndCheck(
            testApp,
            request(picked, method, path, { headers: auth }),
          );
        },
      ),
      parameters(300),
    );
  });
});

function lowerCaseKeys(record: object): Record<string, true> {
  return Object.fromEntries(
    Object.keys(record).map((key) => [templateKey(key), true]),
  );
}
