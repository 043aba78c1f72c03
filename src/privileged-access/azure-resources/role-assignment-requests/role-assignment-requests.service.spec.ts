import { Clock } from '../../../clock/clock.js';
import type { UnitOfWork } from '../../../database/unit-of-work.js';
import { NotPermittedError } from '../../../errors/not-permitted.error.js';
import type { Principal } from '../../../auth/principal.js';
import {
  RequestCannotBeCancelledError,
  RoleAssignmentRequestNotFoundError,
} from './role-assignment-request.errors.js';
import {
  CANCELLABLE_SUB_STATUSES,
  type SubStatus,
} from './role-assignment-request.model.js';
import type {
  RoleAssignmentRequestsRepository,
  Transition,
  UserAccess,
} from './role-assignment-requests.repository.js';
import { RoleAssignmentRequestsService } from './role-assignment-requests.service.js';
import type { RoleSettingsRepository } from '../role-settings/role-settings.repository.js';
import type { RoleAssignmentsRepository } from '../role-assignments/role-assignments.repository.js';
import { RoleAssignmentRequestTransitions } from './role-assignment-request.transitions.js';

const REQUEST_ID = '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee';
const NOW = new Date('2026-11-28T12:00:00.000Z');
const HTTP = {
  requestId: 'r-1',
  clientRequestId: 'c-1',
  api: 'Graph',
} as const;

const user: Principal = {
  kind: 'delegated',
  audience: 'graph',
  tenantId: 'tenant-a',
  objectId: 'user-1',
  scopes: ['PrivilegedAccess.ReadWrite.AzureResources'],
  appRoles: [],
  directoryRoleIds: [],
  multiFactorAuthenticated: false,
  actorId: 'user-1',
};
const app: Principal = {
  ...user,
  kind: 'application',
  audience: 'graph',
  objectId: undefined,
  applicationId: 'app-1',
  actorId: 'app-1',
};

const PIM_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/**
 * A double of the repository and of the transitions' move: the move's outcome and the caller's
 * access are set per test; the transition table is the real one.
 */
class FakeRepository {
  transitions: Transition[] = [];
  accessCalls = 0;
  constructor(
    private readonly previous: SubStatus | undefined,
    private readonly access: UserAccess | boolean,
  ) {}
  apply(transition: Transition): Promise<SubStatus | undefined> {
    this.transitions.push(transition);
    return Promise.resolve(this.previous);
  }
  accessOf(): Promise<UserAccess> {
    this.accessCalls += 1;
    const access =
      this.access === true
        ? 'allowed'
        : this.access === false
          ? 'no-such-request'
          : this.access;
    return Promise.resolve(access);
  }
}

function serviceWith(
  repository: FakeRepository,
): RoleAssignmentRequestsService {
  const clock = Object.assign(new Clock(), { now: () => NOW });
  const transitions = new RoleAssignmentRequestTransitions(
    {} as UnitOfWork,
    repository as unknown as RoleAssignmentRequestsRepository,
    clock,
  );
  transitions.apply = (transition) => repository.apply(transition);
  return new RoleAssignmentRequestsService(
    repository as unknown as RoleAssignmentRequestsRepository,
    transitions,
    {} as RoleAssignmentsRepository,
    {} as RoleSettingsRepository,
    clock,
  );
}

describe('RoleAssignmentRequestsService.cancel', () => {
  it('asks for one transition from the cancellable sub-statuses to Closed/Canceled, audited', async () => {
    const repository = new FakeRepository('PendingApproval', true);

    await serviceWith(repository).cancel(user, REQUEST_ID.toUpperCase(), HTTP);

    expect(repository.transitions).toEqual([
      {
        tenantId: 'tenant-a',
        requestId: REQUEST_ID,
        onlyFor: { userId: 'user-1', at: NOW },
        fromSubStatuses: CANCELLABLE_SUB_STATUSES,
        toStatus: 'Closed',
        toSubStatus: 'Canceled',
        audit: {
          action: 'Cancel',
          actorId: 'user-1',
          actorType: 'User',
          httpRequestId: 'r-1',
          clientRequestId: 'c-1',
          api: 'Graph',
        },
      },
    ]);
    expect(repository.accessCalls).toBe(0);
  });

  it('records an application as the actor of an application token', async () => {
    const repository = new FakeRepository('Granted', true);

    await serviceWith(repository).cancel(app, REQUEST_ID, HTTP);

    expect(repository.transitions[0].audit).toMatchObject({
      actorId: 'app-1',
      actorType: 'Application',
    });
  });

  it('says RequestCannotBeCancelled when the request exists but was not in a cancellable sub-status', async () => {
    const repository = new FakeRepository(undefined, true);

    await expect(
      serviceWith(repository).cancel(user, REQUEST_ID, HTTP),
    ).rejects.toBeInstanceOf(RequestCannotBeCancelledError);
  });

  it('says RoleAssignmentRequestNotFound when the tenant has no such request', async () => {
    const repository = new FakeRepository(undefined, false);

    await expect(
      serviceWith(repository).cancel(user, REQUEST_ID, HTTP),
    ).rejects.toBeInstanceOf(RoleAssignmentRequestNotFoundError);
  });

  it('says RoleAssignmentRequestNotFound for a non-GUID id without touching the database', async () => {
    const repository = new FakeRepository('Granted', true);

    await expect(
      serviceWith(repository).cancel(user, 'not-a-guid', HTTP),
    ).rejects.toBeInstanceOf(RoleAssignmentRequestNotFoundError);
    expect(repository.transitions).toHaveLength(0);
  });

  it.each([
    ['an application', app],
    [
      'a Privileged Role Administrator',
      { ...user, directoryRoleIds: [PIM_ADMINISTRATOR] },
    ],
    [
      'a Global Administrator',
      { ...user, directoryRoleIds: [GLOBAL_ADMINISTRATOR] },
    ],
  ])(
    'lets %s cancel any request of the tenant: no user condition',
    async (_case, caller) => {
      const repository = new FakeRepository('Granted', true);

      await serviceWith(repository).cancel(caller, REQUEST_ID, HTTP);

      expect(repository.transitions[0].onlyFor).toBeUndefined();
    },
  );

  it('keeps a user with another directory role to the user condition', async () => {
    const repository = new FakeRepository('Granted', true);
    const reader = {
      ...user,
      directoryRoleIds: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
    };

    await serviceWith(repository).cancel(reader, REQUEST_ID, HTTP);

    expect(repository.transitions[0].onlyFor).toEqual({
      userId: 'user-1',
      at: NOW,
    });
  });

  it('says UnauthorizedAccessException to a user who may not act on the request, whatever its state', async () => {
    const repository = new FakeRepository(undefined, 'denied');

    await expect(
      serviceWith(repository).cancel(user, REQUEST_ID, HTTP),
    ).rejects.toBeInstanceOf(NotPermittedError);
  });

  it('says RequestCannotBeCancelled to an administrator of a request in a final state', async () => {
    const repository = new FakeRepository(undefined, 'denied');

    await expect(
      serviceWith(repository).cancel(app, REQUEST_ID, HTTP),
    ).rejects.toBeInstanceOf(RequestCannotBeCancelledError);
  });
});
