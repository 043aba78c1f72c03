// Before the app: `$batch` runs its requests through `inject` (see the module).
import './support/fastify-inject.js';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { RoleAssignmentRequestAuditEventEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request-audit-event.entity.js';
import { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import { RoleAssignmentEntity } from '../src/privileged-access/azure-resources/role-assignments/role-assignment.entity.js';
import { SeedService } from '../src/seeding/seed.service.js';
import {
  bodyFields,
  chunkedFraming,
  contentType,
  fieldValue,
  hostileBody,
  oversizedBody,
  ruleSettingText,
  withField,
} from './support/hostile-bodies.js';
import {
  FUZZ_SEED,
  hostileText,
  type HostileRequest,
  type KnownIds,
  openApiDocumentOf,
  plainPath,
  sendAndCheck,
  type ServedRoute,
  servedRoutes,
} from './support/hostile-input.js';
import {
  type Fixture,
  fixtureId,
  REQUEST_OF_A,
  RESOURCE,
  ROLE_ASSIGNMENT,
  ROLE_DEFINITION,
  ROLE_SETTING,
  SUBJECT,
  tenantAFixture,
  tenantBFixture,
} from './support/pim-fixture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_NOW } from './support/test-clock.js';
import {
  appToken,
  GRAPH_AUDIENCE,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  TEST_JWT_SECRET,
  userToken,
} from './support/tokens.js';

/**
 * Hostile input, part 2: request bodies (any bytes under any content type, and well-formed
 * bodies of every documented request schema with fields of the wrong type or out of range) and
 * tokens with any claims. As in hostile-input.e2e-spec.ts, whatever is sent, the answer is never
 * a server error, every client error is a Graph error JSON, and the server still serves.
 */

const ROOT = '/beta/privilegedAccess/azureResources';
const REQUESTS = `${ROOT}/roleAssignmentRequests`;

// A UserAdd activation waiting for approval, on a role whose ApprovalRule names SUBJECT(1).
const PENDING_APPROVAL = fixtureId('6f000000', 1);
// The assignment REQUEST_OF_A(5), a PendingAdminDecision request, extends when approved.
const EXTENDED_ASSIGNMENT = fixtureId('5f000000', 1);
const controlToken = () =>
  appToken([READ_WRITE], { tenantId: '0c0c0c0c-0000-4000-8000-00000000000c' });

function fuzzFixture(): Fixture {
  const fixture = tenantAFixture();
  return {
    ...fixture,
    roleAssignments: [
      ...fixture.roleAssignments,
      {
        id: EXTENDED_ASSIGNMENT,
        tenantId: TENANT_A,
        resourceId: RESOURCE(1),
        roleDefinitionId: ROLE_DEFINITION(1),
        subjectId: SUBJECT(2),
        linkedEligibleRoleAssignmentId: null,
        externalId: `/roleAssignments/${EXTENDED_ASSIGNMENT}`,
        startDateTime: '2026-01-01T00:00:00Z',
        endDateTime: '2030-01-01T00:00:00Z',
        assignmentState: 'Active',
        memberType: 'Direct',
        status: 'Provisioned',
      },
    ],
    roleAssignmentRequests: [
      ...fixture.roleAssignmentRequests,
      {
        id: PENDING_APPROVAL,
        tenantId: TENANT_A,
        requestorId: SUBJECT(0),
        resourceId: RESOURCE(0),
        roleDefinitionId: ROLE_DEFINITION(0),
        subjectId: SUBJECT(0),
        linkedEligibleRoleAssignmentId: ROLE_ASSIGNMENT(0),
        type: 'UserAdd',
        assignmentState: 'Active',
        requestedDateTime: '2026-11-01T09:00:00Z',
        reason: 'fuzz',
        schedule: {
          type: 'Once',
          startDateTime: '2026-11-01T10:00:00Z',
          endDateTime: null,
          duration: 'PT8H',
        },
        status: {
          status: 'InProgress',
          subStatus: 'PendingApproval',
          statusDetails: [],
        },
      },
    ],
  };
}

const approver = () => userToken([READ_WRITE], { objectId: SUBJECT(1) });
const schedule = () => ({
  type: 'Once',
  startDateTime: TEST_NOW.toISOString(),
  duration: 'PT8H',
});

/** A body of an operation that succeeds as it is, and who sends it where. */
interface BodyCase {
  readonly token: () => string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** For a request's routes: the resource of the request it creates or acts on. */
  readonly resourceId?: string;
}

type BodyCases = Readonly<Record<string, readonly BodyCase[]>>;

/**
 * The other places of a request's collection, as documented and as called for a request of a
 * resource: the top-level entity set, and under the request's resource (of either collection).
 */
const OTHER_REQUEST_PLACES: readonly (readonly [
  string,
  (resourceId: string) => string,
])[] = [
  [
    '/beta/governanceRoleAssignmentRequests',
    () => '/beta/governanceRoleAssignmentRequests',
  ],
  ...[`${ROOT}/resources`, '/beta/governanceResources'].map(
    (resources) =>
      [
        `${resources}/{resourceId}/roleAssignmentRequests`,
        (resourceId: string) =>
          `${resources}/${resourceId}/roleAssignmentRequests`,
      ] as const,
  ),
];

/** The cases of the request's routes (`POST ${REQUESTS}…`) at each other place of the collection. */
function atOtherRequestPlaces(cases: BodyCases): BodyCases {
  const requestCases = Object.entries(cases).filter(([key]) =>
    key.startsWith(`POST ${REQUESTS}`),
  );
  return Object.fromEntries(
    OTHER_REQUEST_PLACES.flatMap(([documented, called]) =>
      requestCases.map(([key, list]) => [
        key.replace(REQUESTS, documented),
        list.map((bodyCase) => ({
          ...bodyCase,
          path: bodyCase.path.replace(
            REQUESTS,
            called(bodyCase.resourceId ?? ''),
          ),
        })),
      ]),
    ),
  );
}

/** Well-formed bodies of each documented operation with a body, keyed `METHOD path`. */
const DOCUMENTED_BODY_CASES: BodyCases = {
  'POST /beta/$batch': [
    {
      // A list and a request of one entity, each with the batch caller's token.
      token: () => appToken(),
      path: '/beta/$batch',
      body: {
        requests: [
          {
            id: '1',
            method: 'GET',
            url: '/privilegedAccess/azureResources/resources',
          },
          {
            id: '2',
            method: 'GET',
            url: `/privilegedAccess/azureResources/resources/${RESOURCE(0)}`,
            dependsOn: ['1'],
          },
        ],
      },
    },
  ],
  [`POST ${REQUESTS}`]: [
    {
      // An administrator's eligible assignment, within the role's ExpirationRule.
      token: () => appToken(),
      path: REQUESTS,
      resourceId: RESOURCE(0),
      body: {
        resourceId: RESOURCE(0),
        roleDefinitionId: ROLE_DEFINITION(2),
        subjectId: SUBJECT(3),
        assignmentState: 'Eligible',
        type: 'AdminAdd',
        reason: 'fuzz',
        schedule: schedule(),
      },
    },
    {
      // A user extending their own eligible assignment, under a rule list without rules: no
      // rule bounds its schedule.
      token: () => userToken([READ_WRITE], { objectId: SUBJECT(2) }),
      path: REQUESTS,
      resourceId: RESOURCE(0),
      body: {
        resourceId: RESOURCE(0),
        roleDefinitionId: ROLE_DEFINITION(2),
        subjectId: SUBJECT(2),
        assignmentState: 'Eligible',
        type: 'UserExtend',
        schedule: schedule(),
      },
    },
    {
      // An administrator extending an assignment that exists.
      token: () => appToken(),
      path: REQUESTS,
      resourceId: RESOURCE(0),
      body: {
        resourceId: RESOURCE(0),
        roleDefinitionId: ROLE_DEFINITION(1),
        subjectId: SUBJECT(1),
        assignmentState: 'Eligible',
        type: 'AdminExtend',
        reason: 'fuzz',
        schedule: schedule(),
      },
    },
  ],
  [`POST ${REQUESTS}/{id}/approve`]: [
    {
      token: approver,
      path: `${REQUESTS}/${PENDING_APPROVAL}/approve`,
      resourceId: RESOURCE(0),
      body: { reason: 'fuzz' },
    },
  ],
  [`POST ${REQUESTS}/{id}/deny`]: [
    {
      token: approver,
      path: `${REQUESTS}/${PENDING_APPROVAL}/deny`,
      resourceId: RESOURCE(0),
      body: { reason: 'fuzz' },
    },
  ],
  [`POST ${REQUESTS}/{id}/updateRequest`]: [
    {
      token: () => appToken(),
      path: `${REQUESTS}/${REQUEST_OF_A(5)}/updateRequest`,
      resourceId: RESOURCE(1),
      body: {
        decision: 'AdminApproved',
        reason: 'fuzz',
        // Within the ExpirationRule of the role's admin member settings (480 minutes).
        schedule: {
          startDateTime: '2026-11-28T12:00:00Z',
          endDateTime: '2026-11-28T16:00:00Z',
        },
        assignmentState: 'Active',
      },
    },
  ],
  // The control API, called as a tenant of its own: what a reset erases or a fault breaks is
  // no other test's.
  'POST /_emulator/reset': [
    { token: controlToken, path: '/_emulator/reset', body: { seed: {} } },
  ],
  'POST /_emulator/clock': [
    {
      token: controlToken,
      path: '/_emulator/clock',
      body: { advanceSeconds: 0 },
    },
  ],
  'POST /_emulator/faults': [
    {
      token: controlToken,
      path: '/_emulator/faults',
      body: {
        status: 503,
        count: 1,
        method: 'GET',
        path: '/never',
        retryAfterSeconds: 1,
      },
    },
  ],
  ...Object.fromEntries(
    [`${ROOT}/resources`, '/beta/governanceResources'].map((resources) => [
      `POST ${resources}/register`,
      [
        {
          // A subscription the tenant does not hold: registered, then found registered again.
          token: () => userToken([READ_WRITE]),
          path: `${resources}/register`,
          body: {
            externalId: '/subscriptions/0f1e2d3c-4b5a-4968-8776-655443322110',
          },
        },
      ],
    ]),
  ),
  ...Object.fromEntries(
    [`${ROOT}/roleSettings`, '/beta/governanceRoleSettings'].map((settings) => [
      `PATCH ${settings}/{id}`,
      [
        {
          token: () => appToken(),
          path: `${settings}/${ROLE_SETTING(0)}`,
          body: {
            adminEligibleSettings: [
              {
                ruleIdentifier: 'ExpirationRule',
                setting:
                  '{"permanentAssignment":false,"maximumGrantPeriodInMinutes":480}',
              },
            ],
            userMemberSettings: [
              {
                ruleIdentifier: 'ApprovalRule',
                setting: `{"Enabled":true,"Approvers":[{"Id":"${SUBJECT(1)}","Type":"User"}]}`,
              },
              {
                ruleIdentifier: 'JustificationRule',
                setting: '{"required":true}',
              },
            ],
          },
        },
      ],
    ]),
  ),
};
const PLACED_REQUEST_CASES = atOtherRequestPlaces(DOCUMENTED_BODY_CASES);
const BODY_CASES: BodyCases = {
  ...DOCUMENTED_BODY_CASES,
  ...PLACED_REQUEST_CASES,
};

describe('hostile input: bodies and tokens', () => {
  let testApp: TestApp;
  let document: OpenAPIObject;
  let routes: ServedRoute[];
  let knownIds: string[];
  let idsByCollection: KnownIds;
  let seeds: SeedService;
  const fixture = fuzzFixture();

  beforeAll(async () => {
    testApp = await startTestApp({ THROTTLE_LIMIT: '0' });
    seeds = testApp.app.get(SeedService);
    await seeds.seed(fixture);
    await seeds.seed(tenantBFixture());
    document = await openApiDocumentOf(testApp);
    routes = servedRoutes(testApp, document);
    knownIds = Object.values(fixture).flatMap((records) =>
      records.map((record) => record.id),
    );
    idsByCollection = new Map(
      Object.entries(fixture).map(([collection, records]) => [
        collection.toLowerCase(),
        records.map((record) => record.id),
      ]),
    );
  });
  afterAll(() => testApp.close());

  /** Tenant A's requests, assignments and settings as the fixture has them, nothing created since. */
  async function restoreFixture(): Promise<void> {
    const where = { tenantId: TENANT_A };
    const { dataSource } = testApp;
    await dataSource
      .getRepository(RoleAssignmentRequestAuditEventEntity)
      .delete(where);
    await dataSource.getRepository(RoleAssignmentRequestEntity).delete(where);
    await dataSource.getRepository(RoleAssignmentEntity).delete(where);
    await seeds.seed(fixture);
  }

  const parameters = (numRuns: number): fc.Parameters<unknown> => ({
    seed: FUZZ_SEED,
    numRuns,
  });

  function jsonRequest(
    method: string,
    path: string,
    token: string,
    body: Buffer,
    type: string | undefined = 'application/json',
  ): HostileRequest {
    return {
      method,
      path: Buffer.from(path),
      headers: [
        ['Authorization', `Bearer ${token}`],
        ...(type === undefined ? [] : [['Content-Type', type] as const]),
      ],
      body,
    };
  }

  /** A documented body case with `body` in its place, sent and checked as every hostile call. */
  function sendCase(method: string, bodyCase: BodyCase, body: unknown) {
    return sendAndCheck(
      testApp,
      jsonRequest(
        method,
        bodyCase.path,
        bodyCase.token(),
        Buffer.from(JSON.stringify(body)),
      ),
    );
  }

  it('has a well-formed body for every documented operation that takes one', async () => {
    // Resource Manager bodies are fuzzed here only as any body on every route, not yet from
    // well-formed ones (issue 15).
    const withBody = Object.entries(document.paths)
      .filter(([path]) => !path.startsWith('/{scope}/'))
      .flatMap(([path, item]) =>
        (['post', 'patch', 'put'] as const)
          .filter((method) => item[method]?.requestBody)
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
    expect(withBody.sort()).toEqual(Object.keys(BODY_CASES).sort());
    // …and each is accepted as it is: the fuzzing starts from a body that gets through.
    for (const [key, cases] of Object.entries(BODY_CASES)) {
      const [method] = key.split(' ');
      for (const bodyCase of cases) {
        await restoreFixture();
        const response = await sendAndCheck(
          testApp,
          jsonRequest(
            method,
            bodyCase.path,
            bodyCase.token(),
            Buffer.from(JSON.stringify(bodyCase.body)),
          ),
        );
        // The operation and the answer, should it not be a success.
        expect([key, response.status < 300 ? 'ok' : response.text]).toEqual([
          key,
          'ok',
        ]);
      }
    }
  });

  it('answers any body under any content type on every route', async () => {
    const route = fc.constantFrom(...routes);
    await fc.assert(
      fc.asyncProperty(
        route.chain((picked) =>
          fc.record({
            method: fc.constantFrom(...picked.methods),
            path: plainPath(picked, idsByCollection),
            token: fc.constantFrom(appToken(), userToken(), approver()),
            type: contentType,
            body: hostileBody,
            framing: chunkedFraming,
          }),
        ),
        async ({ method, path, token, type, body, framing }) => {
          const sent = jsonRequest(method, path.toString(), token, body, type);
          const framed = framing?.(body);
          await sendAndCheck(
            testApp,
            framed
              ? {
                  ...sent,
                  headers: [...sent.headers, framed.header],
                  body: framed.body,
                }
              : sent,
          );
        },
      ),
      parameters(400),
    );
  });

  // Found by the property: validation ran out of stack on a 14 KB body, a 500.
  it('refuses a body nested thousands of levels deep as a bad request', async () => {
    const response = await sendAndCheck(
      testApp,
      jsonRequest(
        'PATCH',
        `${ROOT}/roleSettings/${ROLE_SETTING(0)}`,
        appToken(),
        Buffer.from(`${'{"a":'.repeat(2400)}1${'}'.repeat(2400)}`),
      ),
    );

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: { code: 'BadRequest' },
    });
  });

  it('answers a body over the size limit on every route that takes one', async () => {
    const withBodies = routes.filter((route) =>
      route.methods.some((method) => method === 'POST' || method === 'PATCH'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBodies).chain((picked) =>
          fc.record({
            method: fc.constantFrom(
              ...picked.methods.filter((method) => method !== 'GET'),
            ),
            path: plainPath(picked, idsByCollection),
            body: oversizedBody(testApp.config.maxRequestBodyBytes),
          }),
        ),
        async ({ method, path, body }) => {
          const response = await sendAndCheck(
            testApp,
            jsonRequest(method, path.toString(), appToken(), body),
          );
          expect(response.status).toBe(413);
        },
      ),
      parameters(10),
    );
  });

  // More runs where there is more to reach: creating has three cases and a dozen fields.
  const RUNS: Readonly<Record<string, number>> = {
    [`POST ${REQUESTS}`]: 300,
    [`POST ${REQUESTS}/{id}/updateRequest`]: 100,
    [`PATCH ${ROOT}/roleSettings/{id}`]: 100,
  };

  it.each(Object.keys(BODY_CASES))(
    'answers %s with fields of the wrong type or out of range',
    async (operation) => {
      const [method, path] = operation.split(' ');
      const schema = (
        document.paths[path][method.toLowerCase() as 'post' | 'patch']
          ?.requestBody as { content: Record<string, { schema: unknown }> }
      ).content['application/json'].schema;
      // Nested fields (the schedule, the rules) weigh more: there is the logic.
      const field = fc.oneof(
        ...bodyFields(document, schema).map((candidate) => ({
          arbitrary: fc.constant(candidate),
          weight: candidate.path.length > 1 ? 3 : 1,
        })),
      );
      const mutation = field.chain((picked) =>
        fc.record({
          path: fc.constant(picked.path),
          value:
            picked.path.at(-1) === 'setting'
              ? fc.oneof(ruleSettingText, fieldValue(picked.schema, knownIds))
              : fieldValue(picked.schema, knownIds),
          remove: fc.integer({ min: 0, max: 9 }).map((dice) => dice === 0),
        }),
      );
      await fc.assert(
        fc
          .asyncProperty(
            fc.constantFrom(...BODY_CASES[operation]),
            fc.array(mutation, { minLength: 1, maxLength: 2 }),
            // Now and then a property the schema does not have.
            fc.oneof(
              { arbitrary: fc.constant(null), weight: 7 },
              { arbitrary: fc.tuple(hostileText, fc.jsonValue()), weight: 1 },
            ),
            async (bodyCase, mutations, extraKey) => {
              let body: unknown = bodyCase.body;
              for (const { path: at, value, remove } of mutations) {
                body = withField(body, at, value, remove);
              }
              if (extraKey) {
                body = { ...(body as object), [extraKey[0]]: extraKey[1] };
              }
              await sendAndCheck(
                testApp,
                jsonRequest(
                  method,
                  bodyCase.path,
                  bodyCase.token(),
                  Buffer.from(JSON.stringify(body)),
                ),
              );
            },
          )
          .beforeEach(restoreFixture),
        // A request's routes at their other places share their handler and body class.
        parameters(
          RUNS[operation] ?? (operation in PLACED_REQUEST_CASES ? 20 : 60),
        ),
      );
    },
  );

  // Found by the property: IsISO8601 takes the basic form, which Date reads as an invalid date;
  // the request was stored with it and its answer failed, a 500.
  it.each([
    [`POST ${REQUESTS}`, 1],
    [`POST ${REQUESTS}/{id}/updateRequest`, 0],
  ])(
    'refuses a schedule endDateTime Date cannot read (%s) as a bad request',
    async (operation, index) => {
      await restoreFixture();
      const bodyCase = BODY_CASES[operation][index];
      const body = withField(
        bodyCase.body,
        ['schedule', 'endDateTime'],
        '20261128T100000Z',
      );
      const response = await sendCase('POST', bodyCase, body);

      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: {
          code: 'BadRequest',
          message: expect.stringContaining(
            'body.schedule.endDateTime: endDateTime must be an ISO 8601 date-time',
          ) as string,
        },
      });
    },
  );

  // Found by the property: a duration past the last date JavaScript holds made an invalid end
  // date, stored with the request, whose answer then failed, a 500. Such an end is past the
  // storable years too, and refused as any end there is.
  it('refuses a schedule whose duration ends past any date as a bad request', async () => {
    await restoreFixture();
    const bodyCase = BODY_CASES[`POST ${REQUESTS}`][1];
    const body = withField(bodyCase.body, ['schedule', 'duration'], 'P275760Y');
    const response = await sendCase('POST', bodyCase, body);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: {
        code: 'BadRequest',
        message:
          'The schedule ends after 9999-12-31T23:59:59.999Z, outside the years 0001 to 9999: its duration is too long.',
      },
    });
    expect(
      await testApp.dataSource
        .getRepository(RoleAssignmentRequestEntity)
        .countBy({ subjectId: SUBJECT(2), type: 'UserExtend' }),
    ).toBe(0);
  });

  // Found by the property on PostgreSQL: the duration's column holds 64 characters, and
  // PostgreSQL refuses a longer value (SQLite stored it), a 500.
  it('refuses a duration longer than its column as a bad request', async () => {
    await restoreFixture();
    const bodyCase = BODY_CASES[`POST ${REQUESTS}`][0];
    const body = withField(
      bodyCase.body,
      ['schedule', 'duration'],
      `PT${'0'.repeat(80)}1H`,
    );
    const response = await sendCase('POST', bodyCase, body);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: {
        code: 'BadRequest',
        message:
          'The request body is not valid: body.schedule.duration: duration must be shorter than or equal to 64 characters.',
      },
    });
  });

  // Found by the property on PostgreSQL, which refuses a statement binding U+0000: a 500.
  it.each([
    [`POST ${REQUESTS}`, 0],
    [`POST ${REQUESTS}/{id}/approve`, 0],
    [`POST ${REQUESTS}/{id}/deny`, 0],
  ])(
    'refuses a reason holding U+0000 (%s) as a bad request',
    async (operation, index) => {
      await restoreFixture();
      const bodyCase = BODY_CASES[operation][index];
      const body = withField(bodyCase.body, ['reason'], '\u0000');
      const response = await sendCase('POST', bodyCase, body);

      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: {
          code: 'BadRequest',
          message:
            'The request body is not valid: body.reason: must not contain the character U+0000.',
        },
      });
    },
  );

  it('answers tokens with any claims on every route', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claim = <T>(usual: fc.Arbitrary<T>) =>
      fc.oneof(
        { arbitrary: usual, weight: 6 },
        { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
        { arbitrary: hostileText, weight: 2 },
      );
    const claims = fc.record(
      {
        tid: claim(fc.constantFrom(TENANT_A, TENANT_B, TENANT_A.toUpperCase())),
        oid: claim(fc.constantFrom(...knownIds.slice(0, 20))),
        appid: claim(fc.uuid()),
        azp: claim(fc.uuid()),
        scp: claim(
          fc
            .subarray([READ, READ_WRITE, 'User.Read', ' ', ''])
            .map((scopes) => scopes.join(' ')),
        ),
        roles: claim(fc.subarray([READ, READ_WRITE, 'x'])),
        wids: claim(
          fc.subarray([
            'e8611ab8-c189-46e8-94e1-60213ab1f814',
            '62e90394-69f5-4237-9190-012177145e10',
          ]),
        ),
        iss: claim(fc.constant(`https://sts.windows.net/${TENANT_A}/`)),
        aud: claim(fc.constantFrom(GRAPH_AUDIENCE, [GRAPH_AUDIENCE, 'x'])),
        exp: claim(fc.integer({ min: now - 100_000, max: now + 100_000 })),
        nbf: claim(fc.integer({ min: now - 100_000, max: now + 100_000 })),
        iat: claim(fc.constant(now)),
        idtyp: claim(fc.constantFrom('app', 'user')),
      },
      { requiredKeys: [] },
    );
    const route = fc.constantFrom(...routes);
    await fc.assert(
      fc.asyncProperty(
        route.chain((picked) =>
          fc.record({
            method: fc.constantFrom(...picked.methods),
            path: plainPath(picked, idsByCollection),
            claims,
            header: fc.record(
              {
                kid: hostileText,
                typ: fc.oneof(fc.constant('JWT'), hostileText),
                x5t: hostileText,
              },
              { requiredKeys: [] },
            ),
          }),
        ),
        async ({ method, path, claims: payload, header }) => {
          const token = signedToken({ alg: 'HS256', ...header }, payload);
          await sendAndCheck(testApp, {
            method,
            path,
            headers: [['Authorization', `Bearer ${token}`]],
          });
        },
      ),
      parameters(300),
    );
  });
});

/**
 * A token signed with the test secret whatever its claims: jsonwebtoken's own `sign` refuses
 * claims of the wrong type, and those are what the property sends.
 */
function signedToken(header: object, payload: object): string {
  const encode = (part: object) =>
    Buffer.from(JSON.stringify(part)).toString('base64url');
  const signed = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac('sha256', TEST_JWT_SECRET)
    .update(signed)
    .digest('base64url');
  return `${signed}.${signature}`;
}
