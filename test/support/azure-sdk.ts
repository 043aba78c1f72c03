import { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { TokenCredential } from '@azure/core-auth';
import type { Agent } from 'node:https';
import { armUserToken } from './tokens.js';

/** Where the Azure SDK's client reaches the test app: its HTTPS URL, trusted by `agent`. */
export interface AzureSdkTarget {
  readonly endpoint: string;
  readonly subscriptionId: string;
  readonly agent: Agent;
}

/**
 * The client a user of tenant A gets with `DefaultAzureCredential`, here with a development
 * token of that user, pointed at the test app.
 */
export function azureSdkClientOf(
  objectId: string,
  { endpoint, subscriptionId, agent }: AzureSdkTarget,
): AuthorizationManagementClient {
  const credential: TokenCredential = {
    getToken: () =>
      Promise.resolve({
        token: armUserToken(objectId),
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
  };
  return new AuthorizationManagementClient(credential, subscriptionId, {
    endpoint,
    credentialScopes: ['https://management.azure.com/.default'],
    agent,
    // Its retries of a 5xx would only slow a failing test down.
    retryOptions: { maxRetries: 0 },
  });
}
