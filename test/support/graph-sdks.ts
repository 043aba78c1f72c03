import { Client } from '@microsoft/microsoft-graph-client';
import {
  AllowedHostsValidator,
  type AuthenticationProvider,
  BaseBearerTokenAuthenticationProvider,
} from '@microsoft/kiota-abstractions';
import {
  createGraphBetaServiceClient,
  type GraphBetaServiceClient,
  GraphBetaRequestAdapter,
} from '@microsoft/msgraph-beta-sdk';
import '@microsoft/msgraph-beta-sdk-governanceroleassignmentrequests';
import '@microsoft/msgraph-beta-sdk-governanceroleassignments';
import { createGraphClientFactory } from '@microsoft/msgraph-sdk-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { writeDevelopmentCertificate } from '../../src/security/dev-certificate.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * The two official Graph SDKs for JavaScript, pointed at a test app over HTTPS. A test process
 * cannot take NODE_EXTRA_CA_CERTS (read once, at start), so their fetch trusts the app's
 * self-signed certificate through an undici agent; users set NODE_EXTRA_CA_CERTS (docs/emulator.md).
 */
export interface GraphSdks {
  /** @microsoft/microsoft-graph-client, v3. */
  readonly graphClient: Client;
  /** @microsoft/msgraph-beta-sdk (Kiota). */
  readonly kiota: GraphBetaServiceClient;
  /** Kiota's request adapter, for paths no builder of the SDK has. */
  readonly adapter: GraphBetaRequestAdapter;
}

export function graphSdks(
  baseUrl: string,
  token: () => string,
  ca: string,
): GraphSdks {
  const dispatcher = new Agent({ connect: { ca } });
  const host = new URL(baseUrl).hostname;
  const graphClient = Client.init({
    baseUrl,
    defaultVersion: 'beta',
    // The client sends the Authorization header to Graph's own hosts and these only.
    customHosts: new Set([host]),
    authProvider: (done) => done(null, token()),
    fetchOptions: { dispatcher },
  });

  const authentication = new BaseBearerTokenAuthenticationProvider({
    getAuthorizationToken: () => Promise.resolve(token()),
    getAllowedHostsValidator: () => new AllowedHostsValidator(new Set([host])),
  });
  const adapter = kiotaAdapter(baseUrl, authentication, ca);
  return { graphClient, kiota: createGraphBetaServiceClient(adapter), adapter };
}

/**
 * The Kiota SDK's request adapter for the service at `baseUrl`, authenticating with
 * `authentication` and trusting the certificate `ca`.
 */
export function kiotaAdapter(
  baseUrl: string,
  authentication: AuthenticationProvider,
  ca: string,
): GraphBetaRequestAdapter {
  const dispatcher = new Agent({ connect: { ca } });
  const trustingFetch = (input: string, init: RequestInit) =>
    undiciFetch(input, {
      ...(init as object),
      dispatcher,
    });
  const adapter = new GraphBetaRequestAdapter(
    authentication,
    undefined,
    undefined,
    createGraphClientFactory(
      {
        graphServiceTargetVersion: 'beta',
        graphProductPrefix: 'graph-typescript',
      },
      trustingFetch,
    ),
  );
  adapter.baseUrl = `${baseUrl}/beta`;
  return adapter;
}

/** A test app over HTTPS (a new development certificate of its own), with both SDKs pointed at it. */
export async function startTestAppWithSdks(
  token: () => string,
): Promise<{ testApp: TestApp; sdks: GraphSdks }> {
  const certificate = await writeDevelopmentCertificate(
    mkdtempSync(path.join(tmpdir(), 'pim-sdk-')),
  );
  const testApp = await startTestApp({
    TLS_CERT_FILE: certificate.certFile,
    TLS_KEY_FILE: certificate.keyFile,
  });
  const ca = readFileSync(certificate.certFile, 'utf8');
  return { testApp, sdks: graphSdks(testApp.baseUrl, token, ca) };
}
