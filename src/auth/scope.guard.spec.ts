import {
  type ExecutionContext,
  Logger,
  type LoggerService,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccessTokenValidationError,
  UnauthorizedAccessError,
} from './auth.errors.js';
import { AuthenticationOnly } from './authentication-only.decorator.js';
import type { Principal } from './principal.js';
import {
  type PermissionRequirement,
  RequiredScopes,
} from './required-scopes.decorator.js';
import {
  isPermitted,
  PERSONAL_ACCOUNT_TENANT_ID,
  ScopeGuard,
} from './scope.guard.js';

const TENANT = '0a0a0a0a-0000-4000-8000-00000000000a';
const USER = 'a1a1a1a1-0000-4000-8000-0000000000a1';
const APP = 'a2a2a2a2-0000-4000-8000-0000000000a2';
const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';
const READ = 'PrivilegedAccess.Read.AzureResources';

/** As the Azure resources routes declare them: reads also take the application Read role. */
const WRITE_REQUIREMENT: PermissionRequirement = {
  delegated: [READ_WRITE],
  application: [READ_WRITE],
};
const READ_REQUIREMENT: PermissionRequirement = {
  delegated: [READ_WRITE],
  application: [READ, READ_WRITE],
};
const CLASS_REQUIREMENT: PermissionRequirement = {
  delegated: ['Directory.Read.All'],
  application: ['Directory.Read.All'],
};

class RequestsController {
  @RequiredScopes(READ_REQUIREMENT)
  get(): void {}

  @RequiredScopes(WRITE_REQUIREMENT)
  cancel(): void {}

  forgotten(): void {}
}

class BatchController {
  @AuthenticationOnly()
  batch(): void {}
}

@RequiredScopes(CLASS_REQUIREMENT)
class DirectoryController {
  list(): void {}

  @RequiredScopes(WRITE_REQUIREMENT)
  update(): void {}
}

function delegated(scopes: string[], overrides: Partial<Principal> = {}) {
  return {
    kind: 'delegated',
    audience: 'graph',
    tenantId: TENANT,
    objectId: USER,
    scopes,
    appRoles: [],
    directoryRoleIds: [],
    multiFactorAuthenticated: false,
    actorId: USER,
    ...overrides,
  } satisfies Principal;
}

function application(appRoles: string[], overrides: Partial<Principal> = {}) {
  return {
    kind: 'application',
    audience: 'graph',
    tenantId: TENANT,
    applicationId: APP,
    scopes: [],
    appRoles,
    directoryRoleIds: [],
    multiFactorAuthenticated: false,
    actorId: APP,
    ...overrides,
  } satisfies Principal;
}

/** The little of an HTTP ExecutionContext that the guard reads. */
function contextFor(
  controller: Type,
  handlerName: string,
  user: Principal,
): ExecutionContext {
  const handler = Reflect.get(controller.prototype, handlerName) as () => void;
  const http = {
    getRequest: () => ({ user }),
    getResponse: () => ({}),
    getNext: () => undefined,
  };
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => handler,
    getArgs: () => [http.getRequest(), http.getResponse()],
    getArgByIndex: (index: number) =>
      [http.getRequest(), http.getResponse()][index],
    switchToHttp: () => http,
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as ExecutionContext;
}

describe('ScopeGuard', () => {
  const guard = new ScopeGuard(new Reflector());
  const warnings: string[] = [];

  beforeAll(() => {
    const collector: LoggerService = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => {
        warnings.push(String(message));
      },
    };
    Logger.overrideLogger(collector);
  });
  afterAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    warnings.length = 0;
  });

  function attempt(
    controller: Type,
    handlerName: string,
    user: Principal,
  ): boolean | UnauthorizedAccessError {
    try {
      return guard.canActivate(contextFor(controller, handlerName, user));
    } catch (error) {
      if (error instanceof UnauthorizedAccessError) {
        return error;
      }
      throw error;
    }
  }

  it('lets a delegated caller through with the permission in scp', () => {
    expect(attempt(RequestsController, 'cancel', delegated([READ_WRITE]))).toBe(
      true,
    );
  });

  it('lets an application caller through with the permission in roles', () => {
    expect(
      attempt(RequestsController, 'cancel', application([READ_WRITE])),
    ).toBe(true);
  });

  it('needs only one of the accepted permissions, among others the token carries', () => {
    expect(
      attempt(
        RequestsController,
        'cancel',
        delegated(['openid', 'User.Read', READ_WRITE]),
      ),
    ).toBe(true);
  });

  it('compares permission names without regard to letter case', () => {
    expect(
      attempt(
        RequestsController,
        'cancel',
        delegated([READ_WRITE.toLowerCase()]),
      ),
    ).toBe(true);
    expect(
      attempt(
        RequestsController,
        'cancel',
        application([READ_WRITE.toUpperCase()]),
      ),
    ).toBe(true);
  });

  it.each<[string, Principal]>([
    ['a delegated caller without the permission', delegated(['User.Read'])],
    ['a delegated caller with no scopes', delegated([])],
    [
      'an application caller without the permission',
      application(['Directory.Read.All']),
    ],
    ['an application caller with no roles', application([])],
    [
      'a delegated caller whose token carries the permission only as an app role',
      delegated(['User.Read'], { appRoles: [READ_WRITE] }),
    ],
    [
      'an application caller whose token carries the permission only as a scope',
      application([], { scopes: [READ_WRITE] }),
    ],
    [
      'a delegated caller with a permission that merely contains the name',
      delegated([`${READ_WRITE}.Extra`, `X${READ_WRITE}`]),
    ],
  ])('refuses %s with 403 UnauthorizedAccessException', (_case, caller) => {
    const outcome = attempt(RequestsController, 'cancel', caller);

    expect(outcome).toBeInstanceOf(UnauthorizedAccessError);
  });

  it.each<[string, Principal]>([
    ['a delegated', delegated([READ_WRITE])],
    ['an application', application([READ_WRITE])],
  ])(
    'refuses %s caller of the personal Microsoft account tenant, whatever it holds',
    (_case, caller) => {
      const personal = { ...caller, tenantId: PERSONAL_ACCOUNT_TENANT_ID };

      expect(attempt(RequestsController, 'get', personal)).toBeInstanceOf(
        UnauthorizedAccessError,
      );
      expect(attempt(RequestsController, 'cancel', personal)).toBeInstanceOf(
        UnauthorizedAccessError,
      );
    },
  );

  it('knows the personal account tenant id', () => {
    expect(PERSONAL_ACCOUNT_TENANT_ID).toBe(
      '9188040d-6c67-4c5b-b112-36a304b66dad',
    );
  });

  describe('Read and ReadWrite', () => {
    it('lets an application with Read get, but not cancel', () => {
      const reader = application([READ]);

      expect(attempt(RequestsController, 'get', reader)).toBe(true);
      expect(attempt(RequestsController, 'cancel', reader)).toBeInstanceOf(
        UnauthorizedAccessError,
      );
    });

    it('lets an application with ReadWrite get and cancel', () => {
      const writer = application([READ_WRITE]);

      expect(attempt(RequestsController, 'get', writer)).toBe(true);
      expect(attempt(RequestsController, 'cancel', writer)).toBe(true);
    });

    it('does not take Read in a delegated scp where the route accepts it only from applications', () => {
      const reader = delegated([READ]);

      expect(attempt(RequestsController, 'get', reader)).toBeInstanceOf(
        UnauthorizedAccessError,
      );
      expect(attempt(RequestsController, 'cancel', reader)).toBeInstanceOf(
        UnauthorizedAccessError,
      );
    });
  });

  describe('the @RequiredScopes declaration', () => {
    it('refuses everyone on a route that declares no permissions, and says so in the log', () => {
      for (const caller of [
        delegated([READ_WRITE]),
        application([READ_WRITE, READ]),
      ]) {
        expect(attempt(RequestsController, 'forgotten', caller)).toBeInstanceOf(
          UnauthorizedAccessError,
        );
      }
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('RequestsController.forgotten');
    });

    it('applies a declaration on the controller class to its undeclared routes', () => {
      expect(
        attempt(DirectoryController, 'list', delegated(['Directory.Read.All'])),
      ).toBe(true);
      expect(
        attempt(DirectoryController, 'list', delegated([READ_WRITE])),
      ).toBeInstanceOf(UnauthorizedAccessError);
    });

    it("lets a route's own declaration override its class's", () => {
      expect(
        attempt(DirectoryController, 'update', delegated([READ_WRITE])),
      ).toBe(true);
      expect(
        attempt(
          DirectoryController,
          'update',
          delegated(['Directory.Read.All']),
        ),
      ).toBeInstanceOf(UnauthorizedAccessError);
    });
  });
});

describe('ScopeGuard on an @AuthenticationOnly() route', () => {
  const guard = new ScopeGuard(new Reflector());

  it.each<[string, Principal]>([
    ['a delegated caller without any permission', delegated([])],
    ['an application caller without any role', application([])],
  ])('lets %s through with a Graph token', (_case, caller) => {
    expect(
      guard.canActivate(contextFor(BatchController, 'batch', caller)),
    ).toBe(true);
  });

  it('refuses a Resource Manager token as of another audience', () => {
    const armCaller = delegated([], { audience: 'resource-manager' });

    expect(() =>
      guard.canActivate(contextFor(BatchController, 'batch', armCaller)),
    ).toThrow(AccessTokenValidationError);
  });
});

describe('isPermitted', () => {
  it('reads scopes for delegated callers and roles for applications, never the other way round', () => {
    const both = { scopes: [READ_WRITE], appRoles: [READ_WRITE] };

    expect(
      isPermitted(delegated([], { appRoles: [READ_WRITE] }), WRITE_REQUIREMENT),
    ).toBe(false);
    expect(
      isPermitted(application([], { scopes: [READ_WRITE] }), WRITE_REQUIREMENT),
    ).toBe(false);
    expect(isPermitted(delegated([], both), WRITE_REQUIREMENT)).toBe(true);
    expect(isPermitted(application([], both), WRITE_REQUIREMENT)).toBe(true);
  });

  it('refuses a requirement that accepts nothing for the kind of caller', () => {
    const applicationsOnly = { delegated: [], application: [READ_WRITE] };

    expect(isPermitted(delegated([READ_WRITE]), applicationsOnly)).toBe(false);
    expect(isPermitted(application([READ_WRITE]), applicationsOnly)).toBe(true);
  });
});
