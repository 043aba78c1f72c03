import type { RoleAssignmentRequestEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.entity.js';
import {
  base64Url,
  forgeToken,
  graphClaims,
  nowInSeconds,
  signClaimsText,
} from './support/forged-tokens.js';
import {
  generateRsaSigningKey,
  JwksServer,
  signRs256,
} from './support/jwks-server.js';
import { rawExchange, type RawResponse } from './support/raw-http.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TENANT_B } from './support/tokens.js';
import {
  EMPTY,
  EXPIRED,
  type ExpectedError,
  INVALID,
  INVALID_AUDIENCE,
  INVALID_ISSUER,
} from './support/auth-errors.js';

// Node.js reads at most 16 KB of request headers; the connection is answered and closed.
const HEADERS_TOO_LARGE: ExpectedError = {
  status: 431,
  code: 'RequestHeaderFieldsTooLarge',
  message: 'The request headers are too large.',
};

/** The identity provider's published key, and one it never published. */
const published = generateRsaSigningKey();
const unpublished = generateRsaSigningKey();

/** A token the service accepts: RS256 by the published key, the issuer of its own tenant. */
const validToken = () => signRs256(graphClaims(), published);

/** `validToken()` with its claims replaced by `claims`, keeping the header and signature. */
function withClaims(claims: object): string {
  const [header, , signature] = validToken().split('.');
  return `${header}.${base64Url(claims)}.${signature}`;
}

/** A structurally sound token of about `bytes` bytes whose signature cannot match. */
function paddedToken(bytes: number): string {
  const claims = graphClaims({ padding: 'x'.repeat(bytes) });
  return withClaims(claims).slice(0, bytes);
}

interface ForgedCall {
  /** The Authorization header; none when undefined. */
  authorization?: string;
  /** Appended to the cancel path. */
  query?: string;
}

const bearer = (token: string): ForgedCall => ({
  authorization: `Bearer ${token}`,
});

/** Each forged call, and the Graph error it must get. */
const CORPUS: [string, () => ForgedCall, ExpectedError][] = [
  // alg: none, however dressed up.
  [
    'alg none, unsigned',
    () => bearer(forgeToken({ alg: 'none', typ: 'JWT' }, graphClaims())),
    INVALID,
  ],
  [
    'alg none carrying the signature of a valid token',
    () => {
      const [, claims, signature] = validToken().split('.');
      return bearer(
        `${base64Url({ alg: 'none', typ: 'JWT' })}.${claims}.${signature}`,
      );
    },
    INVALID,
  ],
  [
    'alg none naming the published kid',
    () =>
      bearer(
        forgeToken(
          { alg: 'none', typ: 'JWT', kid: published.kid },
          graphClaims(),
        ),
      ),
    INVALID,
  ],
  // Key confusion: the RSA public key used as an HMAC secret.
  [
    'HS256 signed with the published RSA public key (PEM), naming its kid',
    () =>
      bearer(
        forgeToken(
          { alg: 'HS256', typ: 'JWT', kid: published.kid },
          graphClaims(),
          published.publicKeyPem,
        ),
      ),
    INVALID,
  ],
  [
    'HS256 signed with the published RSA public key (JWK JSON)',
    () =>
      bearer(
        forgeToken(
          { alg: 'HS256', typ: 'JWT', kid: published.kid },
          graphClaims(),
          JSON.stringify(published.jwk),
        ),
      ),
    INVALID,
  ],
  // Signed by the published key, but with claims the service must refuse.
  [
    'expired an hour ago',
    () =>
      bearer(signRs256(graphClaims({ exp: nowInSeconds() - 3600 }), published)),
    EXPIRED,
  ],
  [
    'not valid before an hour from now',
    () =>
      bearer(signRs256(graphClaims({ nbf: nowInSeconds() + 3600 }), published)),
    EXPIRED,
  ],
  [
    'issued an hour from now',
    () =>
      bearer(signRs256(graphClaims({ iat: nowInSeconds() + 3600 }), published)),
    EXPIRED,
  ],
  [
    'an iat that is not a number',
    () =>
      bearer(
        signClaimsText(
          JSON.stringify(graphClaims({ iat: String(nowInSeconds()) })),
          published,
        ),
      ),
    INVALID,
  ],
  [
    'a crit header naming an extension nobody here understands',
    () =>
      bearer(
        signClaimsText(JSON.stringify(graphClaims()), published, {
          crit: ['urn:example:unknown'],
          'urn:example:unknown': true,
        }),
      ),
    INVALID,
  ],
  [
    'for another audience',
    () =>
      bearer(signRs256(graphClaims({ aud: 'api://another-api' }), published)),
    INVALID_AUDIENCE,
  ],
  [
    'from an unknown issuer',
    () =>
      bearer(
        signRs256(graphClaims({ iss: 'https://issuer.example/' }), published),
      ),
    INVALID_ISSUER,
  ],
  [
    'with the issuer of another tenant than its tid',
    () =>
      bearer(
        signRs256(
          graphClaims({ iss: `https://sts.windows.net/${TENANT_B}/` }),
          published,
        ),
      ),
    INVALID_ISSUER,
  ],
  [
    'claims changed after signing (another tenant)',
    () =>
      bearer(
        withClaims(
          graphClaims({
            tid: TENANT_B,
            iss: `https://sts.windows.net/${TENANT_B}/`,
          }),
        ),
      ),
    INVALID,
  ],
  // Validly signed, but not claims this service can take: tokens of a leaked key or secret.
  ...['null', '[]', '"claims"', '42'].map(
    (claimsText): [string, () => ForgedCall, ExpectedError] => [
      `a claims set of ${claimsText}`,
      () => bearer(signClaimsText(claimsText, published)),
      INVALID,
    ],
  ),
  [
    'a tid that cannot become a string',
    () => bearer(signRs256(graphClaims({ tid: { toString: 1 } }), published)),
    INVALID_ISSUER,
  ],
  // Keys the identity provider never published.
  [
    'an unknown kid',
    () => bearer(signRs256(graphClaims(), unpublished)),
    INVALID,
  ],
  [
    "another key under the published key's kid",
    () => bearer(signRs256(graphClaims(), unpublished, { kid: published.kid })),
    INVALID,
  ],
  [
    'no kid',
    () => bearer(signRs256(graphClaims(), published, { kid: null })),
    INVALID,
  ],
  // Size.
  [
    'a 12 KB token (within the header limit)',
    () => bearer(paddedToken(12_000)),
    INVALID,
  ],
  ['a 20 KB token', () => bearer(paddedToken(20_000)), HEADERS_TOO_LARGE],
  ['a 100 KB token', () => bearer(paddedToken(100_000)), HEADERS_TOO_LARGE],
  // Garbage segments.
  ['segments that are not base64url', () => bearer('!!!.@@@.###'), INVALID],
  [
    'a header that is base64url but not JSON',
    () =>
      bearer(
        `${Buffer.from('not json').toString('base64url')}.${base64Url(graphClaims())}.c2ln`,
      ),
    INVALID,
  ],
  [
    'a header that is JSON but not an object',
    () => bearer(`${base64Url(['RS256'])}.${base64Url(graphClaims())}.c2ln`),
    INVALID,
  ],
  [
    'a valid token with a fourth segment',
    () => bearer(`${validToken()}.c2ln`),
    INVALID,
  ],
  ['four empty segments', () => bearer('...'), INVALID],
  ['two dots', () => bearer('..'), INVALID],
  [
    'an empty header',
    () => bearer(`.${validToken().split('.').slice(1).join('.')}`),
    INVALID,
  ],
  [
    'an empty payload',
    () => {
      const [header, , signature] = validToken().split('.');
      return bearer(`${header}..${signature}`);
    },
    INVALID,
  ],
  [
    'an empty signature',
    () => bearer(`${validToken().split('.').slice(0, 2).join('.')}.`),
    INVALID,
  ],
  [
    'a valid token followed by more text in the Authorization header',
    () => bearer(`${validToken()} junk`),
    INVALID,
  ],
  // Elsewhere than the Authorization header.
  [
    'a valid token in the query string (?access_token=), no Authorization header',
    () => ({ query: `?access_token=${validToken()}` }),
    EMPTY,
  ],
];

describe('forged tokens on cancel (JWKS, AUTH_ISSUER with {tid})', () => {
  let jwks: JwksServer;
  let testApp: TestApp;
  const pending = aRequest();
  /** The pending request as the database holds it. */
  let stored: RoleAssignmentRequestEntity;

  beforeAll(async () => {
    jwks = await JwksServer.start([published]);
    testApp = await startTestApp({
      AUTH_JWKS_URI: jwks.uri,
      AUTH_JWT_SECRET: '',
      AUTH_ISSUER:
        'https://sts.windows.net/{tid}/,https://login.microsoftonline.com/{tid}/v2.0',
    });
    await storeRequests(testApp.dataSource, pending);
    stored = await findStoredRequest(testApp.dataSource, pending.id);
  });
  afterAll(async () => {
    await testApp.close();
    await jwks.close();
  });

  /** Sends the cancel byte for byte as given, on a connection of its own. */
  function cancel(call: ForgedCall): Promise<RawResponse> {
    return rawExchange(
      testApp.baseUrl,
      [
        `POST ${REQUESTS_PATH}/${pending.id}/cancel${call.query ?? ''} HTTP/1.1`,
        'Host: localhost',
        ...(call.authorization === undefined
          ? []
          : [`Authorization: ${call.authorization}`]),
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    );
  }

  async function expectUnchanged(): Promise<void> {
    expect(await findStoredRequest(testApp.dataSource, pending.id)).toEqual(
      stored,
    );
    expect(await auditEventsOf(testApp.dataSource, pending.id)).toEqual([]);
  }

  it.each(CORPUS)('refuses %s', async (_case, forged, expected) => {
    const response = await cancel(forged());

    expect(response.status).toBe(expected.status);
    expect(response.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(JSON.parse(response.text)).toEqual({
      error: {
        code: expected.code,
        message: expected.message,
        innerError: {
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          'request-id': response.headers['request-id'],
          'client-request-id': response.headers['client-request-id'],
        },
      },
    });
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['www-authenticate']).toBe(
      expected.status === 401 ? 'Bearer error="invalid_token"' : undefined,
    );
    await expectUnchanged();
  });

  it('then cancels it with a valid token (the control): 204, Closed / Canceled, one audit record', async () => {
    const response = await cancel(bearer(validToken()));

    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(
      await findStoredRequest(testApp.dataSource, pending.id),
    ).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
    expect(await auditEventsOf(testApp.dataSource, pending.id)).toHaveLength(1);
  });
});
