import { DomainError } from '../errors/domain-error.js';
import {
  AccessTokenValidationError,
  MissingPermissionClaimsError,
} from './auth.errors.js';
import { type AccessTokenClaims, principalFromClaims } from './principal.js';

const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
const USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';
const APP = 'a2a2a2a2-0000-4000-8000-0000000000a2';
const CLIENT = 'a3a3a3a3-0000-4000-8000-0000000000a3';
const SERVICE_PRINCIPAL = 'a4a4a4a4-0000-4000-8000-0000000000a4';
const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';

function refusal(claims: AccessTokenClaims): DomainError {
  try {
    principalFromClaims(claims);
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('principalFromClaims accepted the claims');
}

describe('principalFromClaims', () => {
  describe('delegated tokens (scp)', () => {
    it('makes a delegated principal acting as the user', () => {
      expect(
        principalFromClaims({
          tid: TENANT,
          oid: USER,
          appid: CLIENT,
          scp: `User.Read ${READ_WRITE}`,
        }),
      ).toEqual({
        kind: 'delegated',
        audience: 'graph',
        tenantId: TENANT,
        objectId: USER,
        applicationId: CLIENT,
        scopes: ['User.Read', READ_WRITE],
        appRoles: [],
        directoryRoleIds: [],
        multiFactorAuthenticated: false,
        actorId: USER,
      });
    });

    it.each([
      [['pwd', 'mfa'], true],
      [['pwd'], false],
      ['mfa', false],
      [undefined, false],
    ])(
      'knows a user signed in with a second factor from amr %j: %s',
      (amr, multiFactorAuthenticated) => {
        expect(
          principalFromClaims({ tid: TENANT, oid: USER, scp: READ_WRITE, amr })
            .multiFactorAuthenticated,
        ).toBe(multiFactorAuthenticated);
      },
    );

    it('splits scp on any whitespace and ignores leading and trailing blanks', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        oid: USER,
        scp: `  User.Read \t ${READ_WRITE}  `,
      });

      expect(principal.scopes).toEqual(['User.Read', READ_WRITE]);
    });

    it('reads scp, not roles, when a token carries both', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        oid: USER,
        scp: 'User.Read',
        roles: [READ_WRITE],
      });

      expect(principal.kind).toBe('delegated');
      expect(principal.scopes).toEqual(['User.Read']);
      expect(principal.appRoles).toEqual([]);
    });

    it.each([
      ['missing', undefined],
      ['not a GUID', 'user@contoso.com'],
      ['not a string', 42],
    ])('refuses a delegated token whose oid is %s', (_case, oid) => {
      const error = refusal({ tid: TENANT, oid, scp: READ_WRITE });

      expect(error).toBeInstanceOf(AccessTokenValidationError);
    });

    it('stores the ids in lower case', () => {
      const principal = principalFromClaims({
        tid: TENANT.toUpperCase(),
        oid: USER.toUpperCase(),
        scp: READ_WRITE,
      });

      expect(principal).toMatchObject({ tenantId: TENANT, actorId: USER });
    });
  });

  describe('application tokens (roles)', () => {
    it('makes an application principal acting as the app (appid)', () => {
      expect(
        principalFromClaims({
          tid: TENANT,
          oid: SERVICE_PRINCIPAL,
          appid: APP,
          azp: CLIENT,
          roles: [READ_WRITE],
        }),
      ).toEqual({
        kind: 'application',
        audience: 'graph',
        tenantId: TENANT,
        objectId: SERVICE_PRINCIPAL,
        applicationId: APP,
        scopes: [],
        appRoles: [READ_WRITE],
        directoryRoleIds: [],
        multiFactorAuthenticated: false,
        actorId: APP,
      });
    });

    it('falls back to azp (v2 tokens) when there is no appid', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        oid: SERVICE_PRINCIPAL,
        azp: CLIENT,
        roles: [READ_WRITE],
      });

      expect(principal).toMatchObject({
        applicationId: CLIENT,
        actorId: CLIENT,
      });
    });

    it('falls back to oid when there is neither appid nor azp', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        oid: SERVICE_PRINCIPAL,
        roles: [READ_WRITE],
      });

      expect(principal.applicationId).toBeUndefined();
      expect(principal.actorId).toBe(SERVICE_PRINCIPAL);
    });

    it('skips an appid that is not a GUID', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        appid: 'my-app',
        azp: CLIENT,
        roles: [READ_WRITE],
      });

      expect(principal.actorId).toBe(CLIENT);
    });

    it('refuses an application token that names no actor at all', () => {
      const error = refusal({ tid: TENANT, roles: [READ_WRITE] });

      expect(error).toBeInstanceOf(AccessTokenValidationError);
    });

    it('keeps only the string entries of roles', () => {
      const principal = principalFromClaims({
        tid: TENANT,
        appid: APP,
        roles: [READ_WRITE, 7, null],
      });

      expect(principal.appRoles).toEqual([READ_WRITE]);
    });
  });

  it.each<[string, AccessTokenClaims]>([
    ['neither scp nor roles', { tid: TENANT, oid: USER }],
    ['an empty scp and no roles', { tid: TENANT, oid: USER, scp: '' }],
    ['a blank scp and no roles', { tid: TENANT, oid: USER, scp: '   ' }],
    [
      'roles that is not a list',
      { tid: TENANT, appid: APP, roles: READ_WRITE },
    ],
    ['scp that is not a string', { tid: TENANT, oid: USER, scp: [READ_WRITE] }],
  ])(
    'refuses a token with %s: 403 AccessDenied, scp or roles needed',
    (_case, claims) => {
      const error = refusal(claims);

      expect(error).toBeInstanceOf(MissingPermissionClaimsError);
    },
  );

  it.each([
    ['missing', undefined],
    ['not a GUID', 'contoso.onmicrosoft.com'],
    ['empty', ''],
    ['not a string', 12345],
  ])(
    'refuses a token whose tid is %s as an invalid token (401), before looking at permissions',
    (_case, tid) => {
      for (const claims of [
        { tid, oid: USER, scp: READ_WRITE },
        { tid, appid: APP, roles: [READ_WRITE] },
        { tid, oid: USER },
      ]) {
        const error = refusal(claims);

        expect(error).toBeInstanceOf(AccessTokenValidationError);
      }
    },
  );

  it('lower-cases the directory role ids (wids) and drops entries that are not strings', () => {
    const principal = principalFromClaims({
      tid: TENANT,
      oid: USER,
      scp: READ_WRITE,
      wids: ['E8611AB8-C189-46E8-94E1-60213AB1F814', 3, null],
    });

    expect(principal.directoryRoleIds).toEqual([
      'e8611ab8-c189-46e8-94e1-60213ab1f814',
    ]);
  });

  it('lower-cases the wids of application tokens too', () => {
    const principal = principalFromClaims({
      tid: TENANT,
      appid: APP,
      roles: [READ_WRITE],
      wids: ['62E90394-69F5-4237-9190-012177145E10'],
    });

    expect(principal.directoryRoleIds).toEqual([
      '62e90394-69f5-4237-9190-012177145e10',
    ]);
  });

  it('has no directory roles when wids is missing or not a list', () => {
    expect(
      principalFromClaims({ tid: TENANT, oid: USER, scp: READ_WRITE })
        .directoryRoleIds,
    ).toEqual([]);
    expect(
      principalFromClaims({
        tid: TENANT,
        oid: USER,
        scp: READ_WRITE,
        wids: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
      }).directoryRoleIds,
    ).toEqual([]);
  });

  describe('Resource Manager tokens', () => {
    it('makes an application principal of a token without roles, acting as its service principal', () => {
      const principal = principalFromClaims(
        { tid: TENANT, appid: APP, oid: SERVICE_PRINCIPAL },
        'resource-manager',
      );

      expect(principal).toMatchObject({
        kind: 'application',
        audience: 'resource-manager',
        appRoles: [],
        actorId: SERVICE_PRINCIPAL,
      });
    });

    it('keeps a user token delegated, acting as the user', () => {
      expect(
        principalFromClaims(
          { tid: TENANT, oid: USER, scp: 'user_impersonation' },
          'resource-manager',
        ),
      ).toMatchObject({
        kind: 'delegated',
        audience: 'resource-manager',
        actorId: USER,
      });
    });

    it('a Graph token without scp or roles is still refused', () => {
      expect(
        refusal({ tid: TENANT, appid: APP, oid: SERVICE_PRINCIPAL }),
      ).toBeInstanceOf(MissingPermissionClaimsError);
    });
  });
});
