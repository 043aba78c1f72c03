import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createDefaultHttpClient,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import {
  AuthenticationRequiredError,
  ClientSecretCredential,
} from '@azure/identity';
import { AzureIdentityAuthenticationProvider } from '@microsoft/kiota-authentication-azure';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { HttpMethod, RequestInformation } from '@microsoft/kiota-abstractions';
import {
  createGovernanceResourceCollectionResponseFromDiscriminatorValue,
  type GovernanceResourceCollectionResponse,
} from '@microsoft/msgraph-beta-sdk/models/index.js';
import { createODataErrorFromDiscriminatorValue } from '@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { writeDevelopmentCertificate } from '../src/security/dev-certificate.js';
import { resourceRecord } from './support/directory.js';
import { kiotaAdapter } from './support/graph-sdks.js';
import { fixtureId } from './support/pim-fixture.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
} from './support/tokens.js';

/**
 * The development identity endpoints: an app declared in the seed's `clients` signs in with
 * @azure/identity against the service itself, and both Graph SDKs call the service with the
 * token it got, as the app would against Entra ID and Graph.
 */

const CLIENT_ID = fixtureId('1d000000', 1);
const SECRET = 'development-secret-of-the-reader-app';
const OBJECT_ID = fixtureId('1d100000', 1);
const RESOURCE = fixtureId('1d200000', 1);
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const RESOURCES_PATH = '/privilegedAccess/azureResources/resources';

let testApp: TestApp;
let ca: string;
let dispatcher: Agent;

beforeAll(async () => {
  const certificate = await writeDevelopmentCertificate(
    mkdtempSync(path.join(tmpdir(), 'pim-identity-')),
  );
  testApp = await startTestApp({
    TLS_CERT_FILE: certificate.certFile,
    TLS_KEY_FILE: certificate.keyFile,
  });
  ca = readFileSync(certificate.certFile, 'utf8');
  dispatcher = new Agent({ connect: { ca } });
  const seeded = await call('/_emulator/seed', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${appToken([READ_WRITE])}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      clients: [
        { clientId: CLIENT_ID, clientSecret: SECRET, appRoles: [READ] },
        {
          clientId: fixtureId('1d000000', 2),
          clientSecret: SECRET,
          appRoles: [READ],
          objectId: OBJECT_ID,
        },
      ],
      resources: [resourceRecord(TENANT_A, RESOURCE)],
    }),
  });
  expect(seeded.status).toBe(200);
});

afterAll(async () => {
  await testApp?.close();
  await dispatcher?.close();
});

function call(path: string, init: Parameters<typeof fetch>[1] = {}) {
  return fetch(`${testApp.baseUrl}${path}`, { ...init, dispatcher });
}

function requestToken(form: Record<string, string>, tenant: string = TENANT_A) {
  return call(`/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const CLIENT_CREDENTIALS = {
  grant_type: 'client_credentials',
  client_id: CLIENT_ID,
  client_secret: SECRET,
  scope: GRAPH_SCOPE,
};

/** @azure/identity's HTTP client, trusting the test app's certificate. */
function trustingHttpClient(): HttpClient {
  const agent = new HttpsAgent({ ca });
  const client = createDefaultHttpClient();
  return {
    sendRequest: (request: PipelineRequest) => {
      request.agent = agent;
      return client.sendRequest(request);
    },
  };
}

function credential(secret = SECRET): ClientSecretCredential {
  return new ClientSecretCredential(TENANT_A, CLIENT_ID, secret, {
    authorityHost: testApp.baseUrl,
    disableInstanceDiscovery: true,
    httpClient: trustingHttpClient(),
  });
}

describe('discovery', () => {
  it("serves the tenant's OpenID Connect configuration with the service's own addresses", async () => {
    const response = await call(
      `/${TENANT_A}/v2.0/.well-known/openid-configuration`,
    );

    expect(response.status).toBe(200);
    const authority = `${testApp.baseUrl}/${TENANT_A}`;
    expect(await response.json()).toMatchObject({
      issuer: `${authority}/v2.0`,
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      grant_types_supported: ['client_credentials'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the public key that signs its tokens, and no private part', async () => {
    const response = await call(`/${TENANT_A}/discovery/v2.0/keys`);

    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as {
      keys: Record<string, string>[];
    };
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]).sort()).toEqual(
      ['alg', 'e', 'kid', 'kty', 'n', 'use'].sort(),
    );
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
  });

  it('refuses a tenant that is not a tenant id, in OAuth terms', async () => {
    const response = await call(
      '/contoso/v2.0/.well-known/openid-configuration',
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_tenant',
      error_codes: [90002],
    });
  });

  it('answers the authorization endpoint that there is no interactive sign-in', async () => {
    const response = await call(`/${TENANT_A}/oauth2/v2.0/authorize`);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      error_codes: [900561],
    });
  });
});

describe('the token endpoint', () => {
  it("issues an RS256 token of the client's tenant, app and roles, for the scope's resource, that the service accepts", async () => {
    const response = await requestToken(CLIENT_CREDENTIALS);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
    });
    const token = jwt.decode(body.access_token as string, { complete: true })!;
    const { keys } = (await (
      await call(`/${TENANT_A}/discovery/v2.0/keys`)
    ).json()) as { keys: { kid: string }[] };
    expect(token.header).toMatchObject({ alg: 'RS256', kid: keys[0].kid });
    expect(token.payload).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `${testApp.baseUrl}/${TENANT_A}/v2.0`,
      tid: TENANT_A,
      azp: CLIENT_ID,
      oid: CLIENT_ID,
      idtyp: 'app',
      roles: [READ],
      ver: '2.0',
    });

    const resources = await call(`/beta${RESOURCES_PATH}`, {
      headers: { authorization: `Bearer ${body.access_token as string}` },
    });
    expect(resources.status).toBe(200);
    const { value } = (await resources.json()) as { value: { id: string }[] };
    expect(value.map((resource) => resource.id)).toEqual([RESOURCE]);
  });

  it("writes the declared object id of the client's service principal", async () => {
    const response = await requestToken({
      ...CLIENT_CREDENTIALS,
      client_id: fixtureId('1d000000', 2),
    });

    const { access_token } = (await response.json()) as {
      access_token: string;
    };
    expect(jwt.decode(access_token)).toMatchObject({
      oid: OBJECT_ID,
      sub: OBJECT_ID,
    });
  });

  it("issues a token of Resource Manager's audience for its scope", async () => {
    const response = await requestToken({
      ...CLIENT_CREDENTIALS,
      scope: 'https://management.azure.com/.default',
    });

    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as {
      access_token: string;
    };
    expect(jwt.decode(access_token)).toMatchObject({
      aud: 'https://management.azure.com/',
    });
  });

  it.each([
    {
      refusal: 'another grant',
      form: { ...CLIENT_CREDENTIALS, grant_type: 'password' },
      status: 400,
      error: 'unsupported_grant_type',
      code: 70003,
    },
    {
      refusal: 'a missing client id',
      form: { grant_type: 'client_credentials', client_secret: SECRET },
      status: 400,
      error: 'invalid_request',
      code: 900144,
    },
    {
      refusal: 'an unknown client',
      form: { ...CLIENT_CREDENTIALS, client_id: fixtureId('1d000000', 9) },
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
    },
    {
      refusal: 'a wrong secret',
      form: { ...CLIENT_CREDENTIALS, client_secret: `${SECRET}x` },
      status: 401,
      error: 'invalid_client',
      code: 7000215,
    },
    {
      refusal: 'a scope that is not a resource’s .default',
      form: { ...CLIENT_CREDENTIALS, scope: 'User.Read' },
      status: 400,
      error: 'invalid_scope',
      code: 1002012,
    },
    {
      refusal: 'a resource the service does not serve',
      form: {
        ...CLIENT_CREDENTIALS,
        scope: 'https://vault.azure.net/.default',
      },
      status: 400,
      error: 'invalid_resource',
      code: 500011,
    },
  ])('refuses $refusal in Entra’s OAuth shape', async (example) => {
    const response = await requestToken(example.form);

    expect(response.status).toBe(example.status);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: example.error,
      error_description: expect.stringMatching(
        new RegExp(`^AADSTS${example.code}: `),
      ),
      error_codes: [example.code],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: response.headers.get('request-id'),
      correlation_id: expect.any(String),
    });
  });

  it('reads a body that is not form-encoded as no parameters', async () => {
    const response = await call(`/${TENANT_A}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CLIENT_CREDENTIALS),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      error_codes: [900144],
    });
  });

  it("does not know one tenant's client in another tenant", async () => {
    const response = await requestToken(CLIENT_CREDENTIALS, TENANT_B);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'unauthorized_client',
    });
  });

  it('is not fooled by a token signed with another key under its key id', async () => {
    const { keys } = (await (
      await call(`/${TENANT_A}/discovery/v2.0/keys`)
    ).json()) as { keys: { kid: string }[] };
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = jwt.sign(
      { tid: TENANT_A, azp: CLIENT_ID, roles: [READ], ver: '2.0' },
      privateKey,
      {
        algorithm: 'RS256',
        keyid: keys[0].kid,
        audience: 'https://graph.microsoft.com',
        expiresIn: 600,
      },
    );

    const response = await call(`/beta${RESOURCES_PATH}`, {
      headers: { authorization: `Bearer ${forged}` },
    });

    expect(response.status).toBe(401);
  });
});

describe('@azure/identity and the Graph SDKs', () => {
  it('gets a token with ClientSecretCredential', async () => {
    const token = await credential().getToken(GRAPH_SCOPE);

    expect(jwt.decode(token.token)).toMatchObject({
      tid: TENANT_A,
      azp: CLIENT_ID,
      roles: [READ],
    });
  });

  // What it throws for Entra ID's own answer: MSAL's server error, wrapped.
  it('surfaces a wrong secret as its AuthenticationRequiredError, with Entra’s code', async () => {
    const failure = await credential('not-the-secret')
      .getToken(GRAPH_SCOPE)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AuthenticationRequiredError);
    expect((failure as Error).message).toMatch(
      /invalid_client.*AADSTS7000215: Invalid client secret provided/s,
    );
  });

  it('lets the Graph JS client call the service with that token', async () => {
    const client = Client.initWithMiddleware({
      baseUrl: testApp.baseUrl,
      defaultVersion: 'beta',
      customHosts: new Set([new URL(testApp.baseUrl).hostname]),
      authProvider: new TokenCredentialAuthenticationProvider(credential(), {
        scopes: [GRAPH_SCOPE],
      }),
      fetchOptions: { dispatcher },
    });

    const page = (await client.api(RESOURCES_PATH).get()) as {
      value: { id: string }[];
    };

    expect(page.value.map((resource) => resource.id)).toEqual([RESOURCE]);
  });

  it('lets the Kiota SDK call the service with that token', async () => {
    const authentication = new AzureIdentityAuthenticationProvider(
      credential(),
      [GRAPH_SCOPE],
      undefined,
      new Set([new URL(testApp.baseUrl).hostname]),
    );
    // The SDK's packages installed here build no privilegedAccess paths: the adapter sends it.
    const information = new RequestInformation(HttpMethod.GET);
    information.URL = `${testApp.baseUrl}/beta${RESOURCES_PATH}`;
    information.headers.tryAdd('Accept', 'application/json');

    const page = await kiotaAdapter(
      testApp.baseUrl,
      authentication,
      ca,
    ).send<GovernanceResourceCollectionResponse>(
      information,
      createGovernanceResourceCollectionResponseFromDiscriminatorValue,
      { XXX: createODataErrorFromDiscriminatorValue },
    );

    expect(page?.value?.map((resource) => resource.id)).toEqual([RESOURCE]);
  });
});

describe('turned off', () => {
  it('serves none of the endpoints without the emulator: Graph answers they are no route of its', async () => {
    const plain = await startTestApp({ EMULATOR: 'false' });
    try {
      const discovery = await fetch(
        `${plain.baseUrl}/${TENANT_A}/v2.0/.well-known/openid-configuration`,
      );
      const token = await fetch(
        `${plain.baseUrl}/${TENANT_A}/oauth2/v2.0/token`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(CLIENT_CREDENTIALS).toString(),
        },
      );

      for (const response of [discovery, token]) {
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({
          error: {
            code: 'BadRequest',
            message: `Resource not found for the segment '${TENANT_A}'.`,
          },
        });
      }
    } finally {
      await plain.close();
    }
  });
});
