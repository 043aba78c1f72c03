import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { mintDevelopmentToken } from '../src/auth/development-token.js';
import {
  base64Url,
  forgeToken,
  graphClaims,
  nowInSeconds,
} from './support/forged-tokens.js';
import {
  generateRsaSigningKey,
  JwksServer,
  type RsaSigningKey,
  signRs256,
  unreachableUri,
} from './support/jwks-server.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { atDate } from './support/test-clock.js';
import {
  APP_A,
  appToken,
  GRAPH_AUDIENCE,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  TEST_JWT_SECRET,
  USER_A,
  userToken,
} from './support/tokens.js';
import {
  EMPTY,
  EXPIRED,
  type ExpectedError,
  INVALID,
  INVALID_AUDIENCE,
  INVALID_ISSUER,
} from './support/auth-errors.js';

const NO_PERMISSION_CLAIMS: ExpectedError = {
  status: 403,
  code: 'AccessDenied',
  message: 'Either scp or roles claim need to be present in the token.',
};
const UNAUTHORIZED: ExpectedError = {
  status: 403,
  code: 'UnauthorizedAccessException',
  message: 'Attempted to perform an unauthorized operation.',
};
const SERVICE_UNAVAILABLE: ExpectedError = {
  status: 503,
  code: 'serviceNotAvailable',
  message: 'The service is temporarily unavailable. Retry the request later.',
};

const PERSONAL_ACCOUNT_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const GRAPH_APP_ID_AUDIENCE = '00000003-0000-0000-c000-000000000000';

/** Signs with jsonwebtoken; claims set to undefined are left out of the token. */
function signHs256(claims: object, secret = TEST_JWT_SECRET): string {
  const present = JSON.parse(JSON.stringify(claims)) as object;
  return jwt.sign(present, secret, { algorithm: 'HS256' });
}

function expectGraphError(
  response: request.Response,
  expected: ExpectedError,
): void {
  expect({
    status: response.status,
    code: response.body?.error?.code,
    message: response.body?.error?.message,
  }).toEqual(expected);
  expect(response.headers['content-type']).toMatch(
    /^application\/json(; charset=utf-8)?$/,
  );
  expect(response.body.error.innerError['request-id']).toBe(
    response.headers['request-id'],
  );
  if (expected.status === 401) {
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token"',
    );
  } else {
    expect(response.headers['www-authenticate']).toBeUndefined();
  }
}

function callCancel(testApp: TestApp, id: string, authorization?: string) {
  const call = request(testApp.server).post(`${REQUESTS_PATH}/${id}/cancel`);
  return authorization === undefined
    ? call
    : call.set('Authorization', authorization);
}

/** Attempts to cancel a fresh pending request; the refusal must leave the database as it was. */
async function expectCancelRefused(
  testApp: TestApp,
  authorization: string | undefined,
  expected: ExpectedError,
): Promise<request.Response> {
  const stored = aRequest();
  await storeRequests(testApp.dataSource, stored);
  const before = await findStoredRequest(testApp.dataSource, stored.id);

  const response = await callCancel(testApp, stored.id, authorization);

  expectGraphError(response, expected);
  expect(await findStoredRequest(testApp.dataSource, stored.id)).toEqual(
    before,
  );
  expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(0);
  return response;
}

/** Cancels a fresh pending request (of `tenantId`) and checks that it really happened. */
async function expectCancelAccepted(
  testApp: TestApp,
  authorization: string,
  tenantId = TENANT_A,
): Promise<void> {
  const stored = aRequest({ tenantId });
  await storeRequests(testApp.dataSource, stored);

  const response = await callCancel(testApp, stored.id, authorization);

  expect(response.status).toBe(204);
  expect(await findStoredRequest(testApp.dataSource, stored.id)).toMatchObject({
    status: 'Closed',
    subStatus: 'Canceled',
  });
  expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(1);
}

const bearer = (token: string) => `Bearer ${token}`;

describe('authentication and authorization (HS256 secret, default settings)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('accepts a token from the same code as `npm run token` (the control case)', async () => {
    await expectCancelAccepted(testApp, bearer(userToken()));
  });

  describe('a token verified before (kept by the verified-token cache)', () => {
    it('is accepted again, but the same token with an altered signature is not', async () => {
      const token = userToken();
      await expectCancelAccepted(testApp, bearer(token));
      await expectCancelAccepted(testApp, bearer(token));

      const at = token.length - 10;
      const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
      await expectCancelRefused(testApp, bearer(altered), INVALID);
    });

    it('is refused with anything after it in the Authorization header', async () => {
      const token = userToken();
      await expectCancelAccepted(testApp, bearer(token));

      await expectCancelRefused(testApp, bearer(`${token} junk`), INVALID);
      await expectCancelRefused(testApp, bearer(`${token} ${token}`), INVALID);
    });
  });

  describe('no or empty bearer token: 401 Access token is empty', () => {
    it('without an Authorization header', async () => {
      await expectCancelRefused(testApp, undefined, EMPTY);
    });

    it.each([
      ['"Bearer " with an empty token', 'Bearer '],
      ['"Bearer" alone', 'Bearer'],
      ['an empty header', ''],
    ])('with %s', async (_case, authorization) => {
      await expectCancelRefused(testApp, authorization, EMPTY);
    });

    it.each(['Basic', 'Token', 'JWT', 'MAC'])(
      'with a valid token under the %s scheme instead of Bearer',
      async (scheme) => {
        await expectCancelRefused(testApp, `${scheme} ${userToken()}`, EMPTY);
      },
    );

    it('with a Basic user:password header', async () => {
      await expectCancelRefused(
        testApp,
        `Basic ${Buffer.from('admin:password').toString('base64')}`,
        EMPTY,
      );
    });

    it('also on GET', async () => {
      const response = await request(testApp.server).get(
        `${REQUESTS_PATH}/${randomUUID()}`,
      );

      expectGraphError(response, EMPTY);
    });

    it('before the request shape: an anonymous caller learns nothing of what a route accepts', async () => {
      const unsupportedOption = await request(testApp.server).get(
        `${REQUESTS_PATH}/${randomUUID()}?$top=1`,
      );
      const bodyWhereNoneIsTaken = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${randomUUID()}/cancel`)
        .send({ unexpected: true });

      expectGraphError(unsupportedOption, EMPTY);
      expectGraphError(bodyWhereNoneIsTaken, EMPTY);
    });
  });

  it('takes the scheme name in any letter case (RFC 7235)', async () => {
    await expectCancelAccepted(testApp, `bearer ${userToken()}`);
    await expectCancelAccepted(testApp, `BEARER ${userToken()}`);
  });

  describe('bad signature, malformed, wrong algorithm: 401 Access token validation failure', () => {
    it.each([
      ['garbage', 'not-a-token'],
      ['three garbage segments', 'abc.def.ghi'],
      ['two segments', userToken().split('.').slice(0, 2).join('.')],
      ['a header that is not JSON', `${'x'.repeat(10)}.${base64Url({})}.sig`],
      ['a truncated signature', userToken().slice(0, -10)],
      ['a JSON payload instead of a token', JSON.stringify(graphClaims())],
    ])('%s', async (_case, token) => {
      await expectCancelRefused(testApp, bearer(token), INVALID);
    });

    it('a token signed with another secret', async () => {
      const token = mintDevelopmentToken(
        {
          tenantId: TENANT_A,
          objectId: USER_A,
          scopes: [READ_WRITE],
          audience: GRAPH_AUDIENCE,
        },
        'another-secret-0123456789abcdefghijklmnop',
      );

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });

    it('a token whose claims were changed after signing', async () => {
      const [header, , signature] = userToken([]).split('.');
      const elevated = `${header}.${base64Url(graphClaims())}.${signature}`;

      await expectCancelRefused(testApp, bearer(elevated), INVALID);
    });

    it.each([
      ['alg "none" without signature', { alg: 'none', typ: 'JWT' }],
      ['alg "None"', { alg: 'None', typ: 'JWT' }],
      ['no alg at all', { typ: 'JWT' }],
    ])('%s', async (_case, header) => {
      await expectCancelRefused(
        testApp,
        bearer(forgeToken(header, graphClaims())),
        INVALID,
      );
    });

    it('alg "none" carrying a valid HS256 signature', async () => {
      await expectCancelRefused(
        testApp,
        bearer(
          forgeToken(
            { alg: 'none', typ: 'JWT' },
            graphClaims(),
            TEST_JWT_SECRET,
          ),
        ),
        INVALID,
      );
    });

    it.each(['HS384', 'HS512'] as const)(
      'a token signed with the right secret but %s',
      async (algorithm) => {
        const token = jwt.sign(graphClaims(), TEST_JWT_SECRET, { algorithm });

        await expectCancelRefused(testApp, bearer(token), INVALID);
      },
    );

    it('an RS256 token when only a secret (HS256) is configured', async () => {
      const token = signRs256(graphClaims(), generateRsaSigningKey());

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });
  });

  describe('expired or not yet valid: 401', () => {
    it('an expired token', async () => {
      const token = userToken([READ_WRITE], { expiresInSeconds: -3600 });

      await expectCancelRefused(testApp, bearer(token), EXPIRED);
    });

    it('a token that is not valid before an hour from now', async () => {
      const token = signHs256(graphClaims({ nbf: nowInSeconds() + 3600 }));

      await expectCancelRefused(testApp, bearer(token), EXPIRED);
    });

    it('a token expired 30 s ago is still accepted: default clock tolerance 60 s', async () => {
      const token = userToken([READ_WRITE], { expiresInSeconds: -30 });

      await expectCancelAccepted(testApp, bearer(token));
    });

    it('a token expired 90 s ago is refused: beyond the tolerance', async () => {
      const token = userToken([READ_WRITE], { expiresInSeconds: -90 });

      await expectCancelRefused(testApp, bearer(token), EXPIRED);
    });

    it('a token valid from 30 s from now is accepted, one from 90 s refused', async () => {
      await expectCancelAccepted(
        testApp,
        bearer(signHs256(graphClaims({ nbf: nowInSeconds() + 30 }))),
      );
      await expectCancelRefused(
        testApp,
        bearer(signHs256(graphClaims({ nbf: nowInSeconds() + 90 }))),
        EXPIRED,
      );
    });

    it('a token issued 30 s from now is accepted (clock tolerance), one issued 90 s from now refused', async () => {
      await expectCancelAccepted(
        testApp,
        bearer(signHs256(graphClaims({ iat: nowInSeconds() + 30 }))),
      );
      await expectCancelRefused(
        testApp,
        bearer(signHs256(graphClaims({ iat: nowInSeconds() + 90 }))),
        EXPIRED,
      );
    });

    it('an expired token with a bad signature reports the signature, not the expiry', async () => {
      const token = mintDevelopmentToken(
        {
          tenantId: TENANT_A,
          objectId: USER_A,
          scopes: [READ_WRITE],
          audience: GRAPH_AUDIENCE,
          expiresInSeconds: -3600,
        },
        'another-secret-0123456789abcdefghijklmnop',
      );

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });
  });

  describe('audience', () => {
    it.each([GRAPH_AUDIENCE, GRAPH_APP_ID_AUDIENCE])(
      'accepts the Graph audience %s by default',
      async (audience) => {
        await expectCancelAccepted(
          testApp,
          bearer(userToken([READ_WRITE], { audience })),
        );
      },
    );

    it.each([
      ['another API', 'api://some-other-api'],
      ['Graph with a trailing slash', 'https://graph.microsoft.com/'],
      ['the Azure Resource Manager', 'https://management.azure.com'],
    ])('refuses a token for %s: Invalid audience', async (_case, audience) => {
      await expectCancelRefused(
        testApp,
        bearer(userToken([READ_WRITE], { audience })),
        INVALID_AUDIENCE,
      );
    });

    it('refuses a token without aud: Invalid audience', async () => {
      const claims = graphClaims({ aud: undefined });

      await expectCancelRefused(
        testApp,
        bearer(signHs256(claims)),
        INVALID_AUDIENCE,
      );
    });
  });

  it('does not check the issuer when AUTH_ISSUER is unset', async () => {
    await expectCancelAccepted(
      testApp,
      bearer(userToken([READ_WRITE], { issuer: 'https://issuer.example/' })),
    );
  });

  describe('claims', () => {
    it.each([
      ['no tid', { tid: undefined }],
      ['a tid that is not a GUID', { tid: 'contoso.onmicrosoft.com' }],
      ['a delegated token without oid', { oid: undefined }],
      ['no exp: it would never expire', { exp: undefined }],
    ])('refuses a token with %s: 401', async (_case, overrides) => {
      await expectCancelRefused(
        testApp,
        bearer(signHs256(graphClaims(overrides))),
        INVALID,
      );
    });

    it('refuses a token whose exp is not a number: 401', async () => {
      const token = forgeToken(
        { alg: 'HS256', typ: 'JWT' },
        graphClaims({ exp: String(nowInSeconds() + 3600) }),
        TEST_JWT_SECRET,
      );

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });

    it.each([
      ['a string', String(nowInSeconds())],
      ['null', null],
    ])('refuses a token whose iat is %s: 401', async (_case, iat) => {
      const token = forgeToken(
        { alg: 'HS256', typ: 'JWT' },
        graphClaims({ iat }),
        TEST_JWT_SECRET,
      );

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });

    it('refuses a token with a crit header: no extension is understood here (RFC 7515)', async () => {
      const token = forgeToken(
        { alg: 'HS256', typ: 'JWT', crit: ['exp'] },
        graphClaims(),
        TEST_JWT_SECRET,
      );

      await expectCancelRefused(testApp, bearer(token), INVALID);
    });

    it('refuses a token with neither scp nor roles: 403 AccessDenied', async () => {
      const token = mintDevelopmentToken(
        { tenantId: TENANT_A, objectId: USER_A, audience: GRAPH_AUDIENCE },
        TEST_JWT_SECRET,
      );

      await expectCancelRefused(testApp, bearer(token), NO_PERMISSION_CLAIMS);
    });

    it('refuses a token with an empty scp and no roles: 403 AccessDenied', async () => {
      await expectCancelRefused(
        testApp,
        bearer(userToken([])),
        NO_PERMISSION_CLAIMS,
      );
    });
  });

  describe('permissions: 403 UnauthorizedAccessException', () => {
    it.each([
      ['a delegated token without the permission', userToken(['User.Read'])],
      ['a delegated token with only the Read permission', userToken([READ])],
      [
        'an application token without the permission',
        appToken(['Directory.Read.All']),
      ],
      ['an application token with no roles', appToken([])],
      [
        'a delegated token carrying the permission only as an app role',
        signHs256(graphClaims({ scp: 'User.Read', roles: [READ_WRITE] })),
      ],
    ])('refuses %s', async (_case, token) => {
      await expectCancelRefused(testApp, bearer(token), UNAUTHORIZED);
    });

    it.each([
      [
        'a delegated',
        () => userToken([READ_WRITE], { tenantId: PERSONAL_ACCOUNT_TENANT }),
      ],
      [
        'an application',
        () => appToken([READ_WRITE], { tenantId: PERSONAL_ACCOUNT_TENANT }),
      ],
    ])(
      'refuses %s token of a personal Microsoft account (tid 9188040d-…)',
      async (_case, token) => {
        await expectCancelRefused(testApp, bearer(token()), UNAUTHORIZED);
      },
    );

    it('accepts an application token with ReadWrite, and records the app', async () => {
      await expectCancelAccepted(testApp, bearer(appToken([READ_WRITE])));
    });
  });

  describe('Read and ReadWrite', () => {
    function get(id: string, token: string) {
      return request(testApp.server)
        .get(`${REQUESTS_PATH}/${id}`)
        .set('Authorization', bearer(token));
    }

    it('GET accepts an application with PrivilegedAccess.Read.AzureResources; cancel does not', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      const read = await get(stored.id, appToken([READ]));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: stored.id,
        status: { subStatus: 'PendingApproval' },
      });

      await expectCancelRefused(
        testApp,
        bearer(appToken([READ])),
        UNAUTHORIZED,
      );
    });

    it('GET accepts delegated and application ReadWrite', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      expect((await get(stored.id, userToken([READ_WRITE]))).status).toBe(200);
      expect((await get(stored.id, appToken([READ_WRITE]))).status).toBe(200);
    });

    it('GET refuses a delegated token with only Read', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      expectGraphError(await get(stored.id, userToken([READ])), UNAUTHORIZED);
    });

    it('GET refuses an expired token like cancel does', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      expectGraphError(
        await get(stored.id, appToken([READ], { expiresInSeconds: -3600 })),
        EXPIRED,
      );
    });
  });
});

describe('authentication with AUTH_AUDIENCE, AUTH_ISSUER and AUTH_CLOCK_TOLERANCE_SECONDS', () => {
  const CUSTOM_AUDIENCES = ['api://pim-emulator', 'https://pim.example.com'];
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      AUTH_AUDIENCE: ` ${CUSTOM_AUDIENCES.join(' , ')} `,
      AUTH_ISSUER:
        'https://sts.windows.net/{tid}/,https://login.microsoftonline.com/{tid}/v2.0',
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
    });
  });
  afterAll(() => testApp.close());

  it.each(CUSTOM_AUDIENCES)(
    'accepts the configured audience %s',
    async (audience) => {
      await expectCancelAccepted(
        testApp,
        bearer(userToken([READ_WRITE], { audience })),
      );
    },
  );

  it.each([GRAPH_AUDIENCE, GRAPH_APP_ID_AUDIENCE])(
    'no longer accepts the default audience %s: Invalid audience',
    async (audience) => {
      await expectCancelRefused(
        testApp,
        bearer(userToken([READ_WRITE], { audience })),
        INVALID_AUDIENCE,
      );
    },
  );

  it('stops accepting a token it accepted before, once the token expires', async () => {
    const audience = CUSTOM_AUDIENCES[0];
    // Expired 4 s ago: inside the 5 s tolerance now, so accepted and kept by the verified-token
    // cache.
    const exp = nowInSeconds() - 4;
    const token = signHs256(graphClaims({ aud: audience, exp }));
    await expectCancelAccepted(testApp, bearer(token));

    // The first moment outside the tolerance, on the Date that jsonwebtoken and the cache read.
    await atDate((exp + 5) * 1000, () =>
      expectCancelRefused(testApp, bearer(token), EXPIRED),
    );
  });

  describe('issuer', () => {
    const audience = CUSTOM_AUDIENCES[0];

    it.each([
      ['v1', `https://sts.windows.net/${TENANT_A}/`],
      ['v2', `https://login.microsoftonline.com/${TENANT_A}/v2.0`],
    ])(
      "accepts the %s issuer of the token's own tenant",
      async (_version, issuer) => {
        await expectCancelAccepted(
          testApp,
          bearer(userToken([READ_WRITE], { audience, issuer })),
        );
      },
    );

    it('accepts another tenant with its own issuer (multi-tenant)', async () => {
      const token = userToken([READ_WRITE], {
        audience,
        tenantId: TENANT_B,
        issuer: `https://sts.windows.net/${TENANT_B}/`,
      });

      await expectCancelAccepted(testApp, bearer(token), TENANT_B);
    });

    it.each([
      ["another tenant's v1 issuer", `https://sts.windows.net/${TENANT_B}/`],
      [
        "another tenant's v2 issuer",
        `https://login.microsoftonline.com/${TENANT_B}/v2.0`,
      ],
      ['an unknown issuer', 'https://issuer.example/'],
      ['the pattern itself', 'https://sts.windows.net/{tid}/'],
    ])('refuses %s: Invalid issuer', async (_case, issuer) => {
      await expectCancelRefused(
        testApp,
        bearer(userToken([READ_WRITE], { audience, issuer })),
        INVALID_ISSUER,
      );
    });

    it('refuses a token without iss: Invalid issuer', async () => {
      const claims = graphClaims({ iss: undefined, aud: audience });

      await expectCancelRefused(
        testApp,
        bearer(signHs256(claims)),
        INVALID_ISSUER,
      );
    });
  });

  it('applies the configured clock tolerance: 2 s late accepted, 30 s late refused', async () => {
    const audience = CUSTOM_AUDIENCES[0];

    await expectCancelAccepted(
      testApp,
      bearer(userToken([READ_WRITE], { audience, expiresInSeconds: -2 })),
    );
    await expectCancelRefused(
      testApp,
      bearer(userToken([READ_WRITE], { audience, expiresInSeconds: -30 })),
      EXPIRED,
    );
  });
});

describe('authentication with RS256 keys from AUTH_JWKS_URI', () => {
  let firstKey: RsaSigningKey;

  beforeAll(() => {
    firstKey = generateRsaSigningKey();
  });

  describe('JWKS only', () => {
    let jwks: JwksServer;
    let testApp: TestApp;

    beforeAll(async () => {
      jwks = await JwksServer.start([firstKey]);
      testApp = await startTestApp({
        AUTH_JWKS_URI: jwks.uri,
        AUTH_JWT_SECRET: '',
      });
    });
    afterAll(async () => {
      await testApp.close();
      await jwks.close();
    });

    it('is configured without a secret', () => {
      expect(testApp.config.auth.jwtSecret).toBeUndefined();
      expect(testApp.config.auth.jwksUri).toBe(jwks.uri);
    });

    it('accepts a valid RS256 token and caches the key: a second call does not refetch', async () => {
      const fetchesBefore = jwks.fetches;

      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      expect(jwks.fetches).toBe(fetchesBefore + 1);

      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      await expectCancelAccepted(
        testApp,
        bearer(
          signRs256(
            graphClaims({ roles: [READ_WRITE], scp: undefined, appid: APP_A }),
            firstKey,
          ),
        ),
      );
      expect(jwks.fetches).toBe(fetchesBefore + 1);
    });

    it('refetches the key set for an unknown kid: a key rotated in is accepted', async () => {
      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      const rotatedKey = generateRsaSigningKey();
      jwks.keys = [firstKey, rotatedKey];
      const fetchesBefore = jwks.fetches;

      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), rotatedKey)),
      );
      expect(jwks.fetches).toBe(fetchesBefore + 1);

      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), rotatedKey)),
      );
      expect(jwks.fetches).toBe(fetchesBefore + 1);
    });

    it('refuses a token whose kid the key set does not hold, after one refetch', async () => {
      const unpublished = generateRsaSigningKey();
      const fetchesBefore = jwks.fetches;

      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims(), unpublished)),
        INVALID,
      );
      expect(jwks.fetches).toBe(fetchesBefore + 1);
    });

    it("refuses a token signed by another key under a published key's kid", async () => {
      const impostor = generateRsaSigningKey(firstKey.kid);

      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims(), impostor)),
        INVALID,
      );
    });

    it('refuses an RS256 token without kid', async () => {
      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims(), firstKey, { kid: null })),
        INVALID,
      );
    });

    it('refuses an HS256 token: no secret is configured', async () => {
      await expectCancelRefused(testApp, bearer(userToken()), INVALID);
    });

    it("refuses an HS256 token whose HMAC key is the JWKS's RSA public key (key confusion)", async () => {
      for (const hmacKey of [
        firstKey.publicKeyPem,
        firstKey.publicKeyPem.trim(),
      ]) {
        const forged = forgeToken(
          { alg: 'HS256', typ: 'JWT', kid: firstKey.kid },
          graphClaims(),
          hmacKey,
        );

        await expectCancelRefused(testApp, bearer(forged), INVALID);
      }
    });

    it('refuses alg "none" naming a published kid', async () => {
      await expectCancelRefused(
        testApp,
        bearer(
          forgeToken(
            { alg: 'none', typ: 'JWT', kid: firstKey.kid },
            graphClaims(),
          ),
        ),
        INVALID,
      );
    });

    it('applies expiry, audience and permission rules to RS256 tokens too', async () => {
      await expectCancelRefused(
        testApp,
        bearer(
          signRs256(graphClaims({ exp: nowInSeconds() - 3600 }), firstKey),
        ),
        EXPIRED,
      );
      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims({ aud: 'api://other' }), firstKey)),
        INVALID_AUDIENCE,
      );
      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims({ scp: 'User.Read' }), firstKey)),
        UNAUTHORIZED,
      );
      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims({ scp: undefined }), firstKey)),
        NO_PERMISSION_CLAIMS,
      );
    });
  });

  describe('rate limit of refetches for unknown kids', () => {
    let jwks: JwksServer;
    let testApp: TestApp;

    beforeAll(async () => {
      jwks = await JwksServer.start([firstKey]);
      testApp = await startTestApp({
        AUTH_JWKS_URI: jwks.uri,
        AUTH_JWT_SECRET: '',
      });
    });
    afterAll(async () => {
      await testApp.close();
      await jwks.close();
    });

    it('fetches the key set at most 10 times a minute, however many made-up kids arrive, and keeps accepting cached keys', async () => {
      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      expect(jwks.fetches).toBe(1);

      for (let attempt = 0; attempt < 30; attempt += 1) {
        const response = await callCancel(
          testApp,
          randomUUID(),
          bearer(signRs256(graphClaims(), firstKey, { kid: randomUUID() })),
        );
        expectGraphError(response, INVALID);
        if (attempt === 0) {
          // An unknown kid does trigger a refetch...
          expect(jwks.fetches).toBe(2);
        }
      }
      // ...but not one per token.
      expect(jwks.fetches).toBeLessThanOrEqual(10);

      const fetchesAfterFlood = jwks.fetches;
      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      expect(jwks.fetches).toBe(fetchesAfterFlood);
    });
  });

  describe('JWKS endpoint failing', () => {
    let jwks: JwksServer;
    let testApp: TestApp;

    beforeAll(async () => {
      jwks = await JwksServer.start([firstKey]);
      testApp = await startTestApp({
        AUTH_JWKS_URI: jwks.uri,
        AUTH_JWT_SECRET: '',
      });
      // Every 503 is logged as an error, by design: keep the output for unexpected ones.
      testApp.app.useLogger(false);
    });
    afterAll(async () => {
      testApp.app.useLogger(['error']);
      await testApp.close();
      await jwks.close();
    });

    it.each([500, 503, 404])(
      'answers 503 serviceNotAvailable with Retry-After, not 401, while the key set gets HTTP %i; recovers after',
      async (status) => {
        const key = generateRsaSigningKey();
        jwks.keys = [firstKey, key];
        jwks.failWithStatus = status;

        const response = await expectCancelRefused(
          testApp,
          bearer(signRs256(graphClaims(), key)),
          SERVICE_UNAVAILABLE,
        );
        expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);

        jwks.failWithStatus = undefined;
        await expectCancelAccepted(
          testApp,
          bearer(signRs256(graphClaims(), key)),
        );
      },
    );
  });

  describe('JWKS endpoint unreachable', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({
        AUTH_JWKS_URI: await unreachableUri(),
        AUTH_JWT_SECRET: '',
      });
      testApp.app.useLogger(false);
    });
    afterAll(async () => {
      testApp.app.useLogger(['error']);
      await testApp.close();
    });

    it('answers 503 serviceNotAvailable with Retry-After, not 401', async () => {
      const response = await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
        SERVICE_UNAVAILABLE,
      );

      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    });
  });

  describe('AUTH_JWKS_URI and AUTH_JWT_SECRET together', () => {
    let jwks: JwksServer;
    let testApp: TestApp;

    beforeAll(async () => {
      jwks = await JwksServer.start([firstKey]);
      testApp = await startTestApp({ AUTH_JWKS_URI: jwks.uri });
    });
    afterAll(async () => {
      await testApp.close();
      await jwks.close();
    });

    it('accepts both RS256 tokens of the key set and HS256 tokens of the secret', async () => {
      expect(testApp.config.auth.jwtSecret).toBe(TEST_JWT_SECRET);

      await expectCancelAccepted(
        testApp,
        bearer(signRs256(graphClaims(), firstKey)),
      );
      await expectCancelAccepted(testApp, bearer(userToken()));
      await expectCancelAccepted(testApp, bearer(appToken()));
    });

    it('does not fetch the key set for HS256 tokens', async () => {
      const fetchesBefore = jwks.fetches;

      await expectCancelAccepted(testApp, bearer(userToken()));
      expect(jwks.fetches).toBe(fetchesBefore);
    });

    it('still refuses an HS256 token keyed with the RSA public key (key confusion)', async () => {
      const forged = forgeToken(
        { alg: 'HS256', typ: 'JWT', kid: firstKey.kid },
        graphClaims(),
        firstKey.publicKeyPem,
      );

      await expectCancelRefused(testApp, bearer(forged), INVALID);
    });

    it('refuses an RS256 token from an unpublished key and an HS256 token of another secret', async () => {
      await expectCancelRefused(
        testApp,
        bearer(signRs256(graphClaims(), generateRsaSigningKey())),
        INVALID,
      );
      await expectCancelRefused(
        testApp,
        bearer(
          signHs256(graphClaims(), 'another-secret-0123456789abcdefghijklmnop'),
        ),
        INVALID,
      );
    });
  });
});
