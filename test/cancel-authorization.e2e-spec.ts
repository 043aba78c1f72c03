import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { SubStatus } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.model.js';
import { RoleAssignmentRequestAuditEventEntity } from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request-audit-event.entity.js';
import {
  authorizationDirectory,
  RESOURCE,
  ROLES,
  user,
  USERS,
} from './support/authorization-directory.js';
import {
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from './support/directory.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storeRequests,
} from './support/requests.js';
import { startSeededTestApp, type TestApp } from './support/test-app.js';
import {
  APP_A,
  appToken,
  READ,
  READ_WRITE,
  TENANT_B,
  userToken,
} from './support/tokens.js';

describe('who may cancel a request', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  async function storedRequest(subStatus: SubStatus = 'PendingApproval') {
    const stored = aRequest({
      id: randomUUID(),
      requestorId: USERS.requestor,
      subjectId: USERS.subject,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
      subStatus,
      status: subStatus === 'Canceled' ? 'Closed' : 'InProgress',
    });
    await storeRequests(testApp.dataSource, stored);
    return stored;
  }

  function cancel(id: string, token: string) {
    return request(testApp.server)
      .post(`${REQUESTS_PATH}/${id}/cancel`)
      .set('Authorization', `Bearer ${token}`);
  }

  it.each([
    ['the requestor', () => user(USERS.requestor)],
    ['the subject', () => user(USERS.subject)],
    ['an active Owner of the resource', () => user(USERS.owner)],
    [
      'an active User Access Administrator of the resource',
      () => user(USERS.userAccessAdministrator),
    ],
    [
      'a Privileged Role Administrator (wids)',
      () => user(USERS.outsider, [PRIVILEGED_ROLE_ADMINISTRATOR]),
    ],
    [
      'a Global Administrator (wids)',
      () => user(USERS.outsider, [GLOBAL_ADMINISTRATOR]),
    ],
    ['an application with the permission', () => appToken()],
  ])('%s may: 204, Closed/Canceled, one audit record', async (_case, token) => {
    const stored = await storedRequest();

    const response = await cancel(stored.id, token());

    expect(response.status).toBe(204);
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({
      subStatus: 'Canceled',
    });
    expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(1);
  });

  it.each([
    ['a Reader of the resource', USERS.reader],
    ['an Owner of another resource', USERS.ownerOfOtherResource],
    ['an eligible (not active) Owner', USERS.eligibleOwner],
    ['an Owner whose assignment has ended', USERS.formerOwner],
    ['an Owner whose assignment has not started', USERS.futureOwner],
    ['anyone else of the tenant', USERS.outsider],
  ])(
    '%s may not: 403 UnauthorizedAccessException, nothing changes',
    async (_case, objectId) => {
      const stored = await storedRequest();

      const response = await cancel(stored.id, user(objectId));

      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.error.code).toBe('UnauthorizedAccessException');
      expect(
        await findStoredRequest(testApp.dataSource, stored.id),
      ).toMatchObject({
        subStatus: 'PendingApproval',
      });
      expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(
        0,
      );
    },
  );

  it('tells a caller who may not act nothing of the request’s state: 403 for a cancelled one too', async () => {
    const stored = await storedRequest('Canceled');

    const response = await cancel(stored.id, user(USERS.outsider));

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('UnauthorizedAccessException');
  });

  it('tells the requestor that a cancelled request cannot be cancelled', async () => {
    const stored = await storedRequest('Canceled');

    const response = await cancel(stored.id, user(USERS.requestor));

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RequestCannotBeCancelled');
  });

  it.each([
    ['its requestor', USERS.requestor, undefined],
    ['a Global Administrator', USERS.outsider, [GLOBAL_ADMINISTRATOR]],
  ])(
    'another tenant’s %s gets RoleAssignmentRequestNotFound: the request does not exist for them',
    async (_case, objectId, directoryRoleIds) => {
      const stored = await storedRequest();

      const response = await cancel(
        stored.id,
        userToken([READ_WRITE], {
          tenantId: TENANT_B,
          objectId,
          directoryRoleIds,
        }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
      expect(
        await findStoredRequest(testApp.dataSource, stored.id),
      ).toMatchObject({
        subStatus: 'PendingApproval',
      });
    },
  );
});

describe('GET …/roleAssignmentRequests/{id}/auditEvents (extension)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  async function cancelledRequest() {
    const stored = aRequest({
      id: randomUUID(),
      requestorId: USERS.requestor,
      subjectId: USERS.subject,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
    });
    await storeRequests(testApp.dataSource, stored);
    const cancel = await request(testApp.server)
      .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
      .set('Authorization', `Bearer ${user(USERS.requestor)}`)
      .set('client-request-id', 'audit-test');
    expect(cancel.status).toBe(204);
    return { id: stored.id, requestId: cancel.headers['request-id'] };
  }

  function auditEvents(id: string, token: string, query = '') {
    return request(testApp.server)
      .get(`${REQUESTS_PATH}/${id}/auditEvents${query}`)
      .set('Authorization', `Bearer ${token}`);
  }

  it.each([
    ['an Owner of the resource', () => user(USERS.owner)],
    [
      'a Privileged Role Administrator',
      () => user(USERS.outsider, [PRIVILEGED_ROLE_ADMINISTRATOR]),
    ],
    ['an application with the permission', () => appToken()],
  ])(
    'shows %s who changed the request, when and in which call',
    async (_case, token) => {
      const cancelled = await cancelledRequest();

      const response = await auditEvents(cancelled.id, token());

      expect(response.status).toBe(200);
      expect(response.body['@odata.context']).toMatch(
        /\/beta\/\$metadata#governanceRoleAssignmentRequestAuditEvents$/,
      );
      expect(response.body.value).toEqual([
        {
          id: expect.any(String),
          requestId: cancelled.id,
          action: 'Cancel',
          actorId: USERS.requestor,
          actorType: 'User',
          occurredDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          sequence: 1,
          fromSubStatus: 'PendingApproval',
          toSubStatus: 'Canceled',
          httpRequestId: cancelled.requestId,
          clientRequestId: 'audit-test',
          api: 'Graph',
          reason: null,
        },
      ]);
    },
  );

  it('pages the events in the order they happened', async () => {
    const cancelled = await cancelledRequest();
    const events = testApp.dataSource.getRepository(
      RoleAssignmentRequestAuditEventEntity,
    );
    const [cancel] = await events.findBy({ requestId: cancelled.id });
    // Later events, each in its place after the cancel's: stored out of order on purpose.
    for (const minutes of [30, 10, 20]) {
      await events.insert({
        ...cancel,
        id: randomUUID(),
        occurredDateTime: new Date(
          cancel.occurredDateTime.getTime() + minutes * 60_000,
        ),
        sequence: cancel.sequence + minutes / 10,
      });
    }

    const first = await auditEvents(
      cancelled.id,
      appToken(),
      '?$top=2&$count=true',
    );
    const next = (first.body['@odata.nextLink'] as string).replace(
      /^https?:\/\/[^/]+/,
      '',
    );
    const second = await auditEvents(
      cancelled.id,
      appToken(),
      next.slice(next.indexOf('?')),
    );

    const listed = [...first.body.value, ...second.body.value] as {
      occurredDateTime: string;
      sequence: number;
    }[];
    const times = listed.map((event) => event.occurredDateTime);
    expect(first.body['@odata.count']).toBe(4);
    expect(listed.map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
    expect([...times].sort()).toEqual(times);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    const after = await auditEvents(
      cancelled.id,
      appToken(),
      `?$filter=${encodeURIComponent('sequence gt 2')}`,
    );
    expect(
      (after.body.value as { sequence: number }[]).map(
        (event) => event.sequence,
      ),
    ).toEqual([3, 4]);
  });

  it.each([
    ['its requestor', USERS.requestor],
    ['its subject', USERS.subject],
    ['a Reader of the resource', USERS.reader],
    ['anyone else of the tenant', USERS.outsider],
  ])('refuses %s: 403 UnauthorizedAccessException', async (_case, objectId) => {
    const cancelled = await cancelledRequest();

    const response = await auditEvents(cancelled.id, user(objectId));

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('UnauthorizedAccessException');
  });

  it.each([
    ['an unknown request', () => randomUUID(), () => appToken()],
    ['a request id that is not a GUID', () => 'nope', () => appToken()],
  ])(
    'answers 400 RoleAssignmentRequestNotFound for %s',
    async (_case, id, token) => {
      const response = await auditEvents(id(), token());

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
    },
  );

  it('answers another tenant’s administrator RoleAssignmentRequestNotFound', async () => {
    const cancelled = await cancelledRequest();

    const response = await auditEvents(
      cancelled.id,
      userToken([READ_WRITE], {
        tenantId: TENANT_B,
        objectId: USERS.owner,
        directoryRoleIds: [GLOBAL_ADMINISTRATOR],
      }),
    );

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
  });
});

describe('who may decide a request: approve, deny (extensions) and updateRequest', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startSeededTestApp([authorizationDirectory()]);
  });
  afterAll(() => testApp.close());

  /** A waiting request asked by `requestorId` (by default someone else than the callers). */
  async function waitingRequest(
    subStatus: 'PendingApproval' | 'PendingAdminDecision',
    requestorId: string = USERS.requestor,
  ) {
    const stored = aRequest({
      id: randomUUID(),
      requestorId,
      subjectId: USERS.subject,
      resourceId: RESOURCE,
      roleDefinitionId: ROLES.reader,
      type: subStatus === 'PendingApproval' ? 'UserAdd' : 'UserExtend',
      subStatus,
    });
    await storeRequests(testApp.dataSource, stored);
    return stored;
  }

  function decide(
    id: string,
    action: 'approve' | 'deny' | 'updateRequest',
    token: string,
  ) {
    return request(testApp.server)
      .post(`${REQUESTS_PATH}/${id}/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send(
        action === 'updateRequest'
          ? { decision: 'AdminApproved', reason: 'checked' }
          : { reason: 'checked' },
      );
  }

  const CALLERS: [string, string, () => string][] = [
    ['the subject', USERS.subject, () => user(USERS.subject)],
    [
      'an approver named in the ApprovalRule',
      USERS.approver,
      () => user(USERS.approver),
    ],
    ['an active Owner of the resource', USERS.owner, () => user(USERS.owner)],
    [
      'an active User Access Administrator of the resource',
      USERS.userAccessAdministrator,
      () => user(USERS.userAccessAdministrator),
    ],
    [
      'a Privileged Role Administrator (wids)',
      USERS.outsider,
      () => user(USERS.outsider, [PRIVILEGED_ROLE_ADMINISTRATOR]),
    ],
    [
      'a Global Administrator (wids)',
      USERS.outsider,
      () => user(USERS.outsider, [GLOBAL_ADMINISTRATOR]),
    ],
    ['an application with the permission', APP_A, () => appToken()],
    ['an application with Read only', APP_A, () => appToken([READ])],
    ['a Reader of the resource', USERS.reader, () => user(USERS.reader)],
    [
      'an Owner of another resource',
      USERS.ownerOfOtherResource,
      () => user(USERS.ownerOfOtherResource),
    ],
    [
      'an eligible (not active) Owner',
      USERS.eligibleOwner,
      () => user(USERS.eligibleOwner),
    ],
    ['anyone else of the tenant', USERS.outsider, () => user(USERS.outsider)],
  ];
  const DECISIONS = ['approve', 'deny', 'updateRequest'] as const;
  /** Who may decide someone else's request; nobody decides their own. */
  const MAY: Record<(typeof DECISIONS)[number], string[]> = {
    approve: ['an approver named in the ApprovalRule'],
    deny: ['an approver named in the ApprovalRule'],
    updateRequest: [
      'an active Owner of the resource',
      'an active User Access Administrator of the resource',
      'a Privileged Role Administrator (wids)',
      'a Global Administrator (wids)',
      'an application with the permission',
    ],
  };
  const WAITS_IN = {
    approve: 'PendingApproval',
    deny: 'PendingApproval',
    updateRequest: 'PendingAdminDecision',
  } as const;
  const cases = DECISIONS.flatMap((action) =>
    CALLERS.flatMap(([name, actorId, token]) =>
      (['someone else’s', 'their own'] as const).map(
        (whose) =>
          [
            action,
            name,
            whose,
            actorId,
            token,
            whose === 'someone else’s' && MAY[action].includes(name),
          ] as const,
      ),
    ),
  );

  it.each(cases)(
    '%s by %s, of %s request: allowed %s',
    async (action, _name, _whose, actorId, token, allowed) => {
      const ownRequest = _whose === 'their own';
      const stored = await waitingRequest(
        WAITS_IN[action],
        ownRequest ? actorId : USERS.requestor,
      );

      const response = await decide(stored.id, action, token());

      const after = await findStoredRequest(testApp.dataSource, stored.id);
      if (allowed) {
        expect(response.status).toBe(204);
        expect(after.status).toBe('Closed');
      } else {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('UnauthorizedAccessException');
        expect(after.subStatus).toBe(WAITS_IN[action]);
        expect(await auditEventsOf(testApp.dataSource, stored.id)).toEqual([]);
      }
    },
  );

  it.each(DECISIONS)(
    '%s by another tenant’s Global Administrator: RoleAssignmentRequestNotFound, nothing changes',
    async (action) => {
      const stored = await waitingRequest(WAITS_IN[action]);

      const response = await decide(
        stored.id,
        action,
        userToken([READ_WRITE], {
          tenantId: TENANT_B,
          objectId: USERS.approver,
          directoryRoleIds: [GLOBAL_ADMINISTRATOR],
        }),
      );

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
      expect(
        (await findStoredRequest(testApp.dataSource, stored.id)).subStatus,
      ).toBe(WAITS_IN[action]);
    },
  );
});
