import { Client } from '@microsoft/microsoft-graph-client';
import {
  AllowedHostsValidator,
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
import { Agent, fetch as undiciFetch } from 'undici';

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
  const trustingFetch = (input: string, init: RequestInit) =>
    undiciFetch(input, {
      ...(init as object),
      dispatcher,
    });

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
  return { graphClient, kiota: createGraphBetaServiceClient(adapter), adapter };
}
