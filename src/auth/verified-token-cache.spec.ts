import type { AppConfig } from '../config/app-config.js';
import type { Principal } from './principal.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const principal: Principal = {
  kind: 'delegated',
  audience: 'graph',
  tenantId: 'tenant',
  objectId: 'user',
  scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
  appRoles: [],
  directoryRoleIds: [],
  multiFactorAuthenticated: false,
  actorId: 'user',
};
const NOW = 1_800_000_000;

function cache(toleranceSeconds = 60): VerifiedTokenCache {
  return new VerifiedTokenCache({
    auth: { clockToleranceSeconds: toleranceSeconds },
  } as AppConfig);
}

describe('VerifiedTokenCache', () => {
  it('knows a remembered token, by its exact string only', () => {
    const tokens = cache();
    tokens.remember('a.b.c', principal, { exp: NOW + 3600 });

    expect(tokens.principalFor('a.b.c', NOW)).toBe(principal);
    expect(tokens.principalFor('a.b.C', NOW)).toBeUndefined();
    expect(tokens.principalFor('a.b.c ', NOW)).toBeUndefined();
  });

  it('forgets a token once it expired, clock tolerance included, as jsonwebtoken judges', () => {
    const tokens = cache(60);
    tokens.remember('t', principal, { exp: NOW });

    expect(tokens.principalFor('t', NOW + 59)).toBe(principal);
    expect(tokens.principalFor('t', NOW + 60)).toBeUndefined();
    // Once forgotten, it is gone: it has to be verified again.
    expect(tokens.principalFor('t', NOW)).toBeUndefined();
  });

  it('does not honour a token before its nbf, clock tolerance included', () => {
    const tokens = cache(60);
    tokens.remember('t', principal, { exp: NOW + 3600, nbf: NOW + 100 });

    expect(tokens.principalFor('t', NOW + 39)).toBeUndefined();
    tokens.remember('t', principal, { exp: NOW + 3600, nbf: NOW + 100 });
    expect(tokens.principalFor('t', NOW + 40)).toBe(principal);
  });

  it('knows nothing it was not told', () => {
    expect(cache().principalFor('never-seen', NOW)).toBeUndefined();
  });
});
