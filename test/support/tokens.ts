import {
  mintDevelopmentToken,
  type DevelopmentTokenOptions,
} from '../../src/auth/development-token.js';

/** The HS256 secret every e2e app is configured with. */
export const TEST_JWT_SECRET =
  'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';
export const READ = 'PrivilegedAccess.Read.AzureResources';

export const TENANT_A = '0a0a0a0a-0000-4000-8000-00000000000a';
export const TENANT_B = '0b0b0b0b-0000-4000-8000-00000000000b';
export const USER_A = 'a1a1a1a1-0000-4000-8000-0000000000a1';
export const APP_A = 'a2a2a2a2-0000-4000-8000-0000000000a2';

/** The Application ID URI of the API an enterprise registers: production refuses Graph's own. */
export const REGISTERED_API_AUDIENCE =
  'api://6f1f5d3c-0000-4000-8000-0000000000ad';

/** The authentication a production server requires: a key, its own API's audience, its tenants. */
export const PRODUCTION_AUTH = {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  AUTH_AUDIENCE: REGISTERED_API_AUDIENCE,
  AUTH_ALLOWED_TENANTS: `${TENANT_A},${TENANT_B}`,
};

type TokenOverrides = Partial<
  Omit<DevelopmentTokenOptions, 'scopes' | 'appRoles'>
>;

/** A delegated (user) token, minted by the same code as `npm run token`. */
export function userToken(
  scopes: string[] = [READ_WRITE],
  overrides: TokenOverrides = {},
): string {
  return mintDevelopmentToken(
    {
      tenantId: TENANT_A,
      objectId: USER_A,
      audience: GRAPH_AUDIENCE,
      scopes,
      ...overrides,
    },
    TEST_JWT_SECRET,
  );
}

/** An application token, minted by the same code as `npm run token -- --roles …`. */
export function appToken(
  roles: string[] = [READ_WRITE],
  overrides: TokenOverrides = {},
): string {
  return mintDevelopmentToken(
    {
      tenantId: TENANT_A,
      applicationId: APP_A,
      audience: GRAPH_AUDIENCE,
      appRoles: roles,
      ...overrides,
    },
    TEST_JWT_SECRET,
  );
}

export const RESOURCE_MANAGER_AUDIENCE = 'https://management.azure.com/';

/** A delegated token for Azure Resource Manager, as the Azure CLI gets one (`user_impersonation`). */
export function armUserToken(
  objectId: string = USER_A,
  overrides: TokenOverrides = {},
): string {
  return mintDevelopmentToken(
    {
      tenantId: TENANT_A,
      objectId,
      audience: RESOURCE_MANAGER_AUDIENCE,
      scopes: ['user_impersonation'],
      ...overrides,
    },
    TEST_JWT_SECRET,
  );
}

/**
 * An application token for Azure Resource Manager: no `roles`, as Azure issues one to a service
 * principal whose rights come from its role assignments; `objectId` names the service principal.
 */
export function armAppToken(
  objectId: string,
  overrides: TokenOverrides = {},
): string {
  return mintDevelopmentToken(
    {
      tenantId: TENANT_A,
      applicationId: APP_A,
      objectId,
      audience: RESOURCE_MANAGER_AUDIENCE,
      ...overrides,
    },
    TEST_JWT_SECRET,
  );
}
