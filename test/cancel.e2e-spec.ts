import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  CANCELLABLE_SUB_STATUSES,
  SUB_STATUSES,
  type SubStatus,
} from '../src/privileged-access/azure-resources/role-assignment-requests/role-assignment-request.model.js';
import {
  aRequest,
  auditEventsOf,
  findStoredRequest,
  REQUESTS_PATH,
  storedRequestsWithId,
  storeRequests,
} from './support/requests.js';
import { rawRequest } from './support/raw-http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  APP_A,
  appToken,
  READ,
  READ_WRITE,
  TENANT_A,
  TENANT_B,
  USER_A,
  userToken,
} from './support/tokens.js';

const CANNOT_BE_CANCELLED = {
  code: 'RequestCannotBeCancelled',
  message:
    'Only requests in status of Granted, PendingApproval, PendingApprovalProvisioning and PendingAdminDecision can be cancelled.',
};
const NOT_FOUND = {
  code: 'RoleAssignmentRequestNotFound',
  message: 'The governanceRoleAssignmentRequest does not exist in system.',
};

describe('POST …/roleAssignmentRequests/{id}/cancel', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  function cancel(id: string, token = userToken()) {
    return request(testApp.server)
      .post(`${REQUESTS_PATH}/${id}/cancel`)
      .set('Authorization', `Bearer ${token}`);
  }

  it('cancels the request of the seed example: 204, empty body, Closed/Canceled, one audit record', async () => {
    const pending = aRequest({ id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee' });
    await storeRequests(testApp.dataSource, pending);

    const response = await cancel(pending.id).set(
      'client-request-id',
      'my-correlation-id',
    );

    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['client-request-id']).toBe('my-correlation-id');
    const stored = await findStoredRequest(testApp.dataSource, pending.id);
    expect(stored).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
      previousSubStatus: 'PendingApproval',
    });
    const audit = await auditEventsOf(testApp.dataSource, pending.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      tenantId: pending.tenantId,
      requestId: pending.id,
      action: 'Cancel',
      actorId: USER_A,
      actorType: 'User',
      fromSubStatus: 'PendingApproval',
      toSubStatus: 'Canceled',
      httpRequestId: response.headers['request-id'],
      clientRequestId: 'my-correlation-id',
      api: 'Graph',
    });
    expect(
      Math.abs(
        audit[0].occurredDateTime.getTime() - testApp.clock.now().getTime(),
      ),
    ).toBeLessThan(60_000);
  });

  it.each(
    SUB_STATUSES.map(
      (subStatus) =>
        [subStatus, CANCELLABLE_SUB_STATUSES.includes(subStatus)] as const,
    ),
  )(
    'from %s: cancellable=%s',
    async (subStatus: SubStatus, cancellable: boolean) => {
      const stored = aRequest({ subStatus, status: 'InProgress' });
      await storeRequests(testApp.dataSource, stored);

      const response = await cancel(stored.id);

      const after = await findStoredRequest(testApp.dataSource, stored.id);
      const audit = await auditEventsOf(testApp.dataSource, stored.id);
      if (cancellable) {
        expect(response.status).toBe(204);
        expect(after).toMatchObject({
          status: 'Closed',
          subStatus: 'Canceled',
        });
        expect(audit.map((event) => event.fromSubStatus)).toEqual([subStatus]);
      } else {
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject(CANNOT_BE_CANCELLED);
        expect(after).toMatchObject({ status: 'InProgress', subStatus });
        expect(audit).toHaveLength(0);
      }
    },
  );

  it('records the application id as the actor of an application token', async () => {
    const stored = aRequest({ subStatus: 'Granted' });
    await storeRequests(testApp.dataSource, stored);

    expect((await cancel(stored.id, appToken())).status).toBe(204);

    const [event] = await auditEventsOf(testApp.dataSource, stored.id);
    expect(event).toMatchObject({ actorId: APP_A, actorType: 'Application' });
  });

  it('accepts the id in any letter case', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    expect((await cancel(stored.id.toUpperCase())).status).toBe(204);
  });

  it.each([
    ['an unknown id', 'd2b1f6a0-1111-4222-8333-944455556666'],
    ['an id that is not a GUID', 'not-a-guid'],
  ])('answers RoleAssignmentRequestNotFound for %s', async (_case, id) => {
    const response = await cancel(id);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.error).toMatchObject(NOT_FOUND);
  });

  it("answers RoleAssignmentRequestNotFound for another tenant's request, and leaves it alone", async () => {
    const theirs = aRequest({ tenantId: TENANT_B });
    await storeRequests(testApp.dataSource, theirs);

    const response = await cancel(theirs.id);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject(NOT_FOUND);
    expect(
      await findStoredRequest(testApp.dataSource, theirs.id),
    ).toMatchObject({ subStatus: 'PendingApproval' });
    expect(await auditEventsOf(testApp.dataSource, theirs.id)).toHaveLength(0);
  });

  it('cancels only the caller’s tenant’s request when another tenant holds the same id', async () => {
    const ours = aRequest();
    const theirs = aRequest({ id: ours.id, tenantId: TENANT_B });
    await storeRequests(testApp.dataSource, ours, theirs);

    expect((await cancel(ours.id)).status).toBe(204);

    expect(await storedRequestsWithId(testApp.dataSource, ours.id)).toEqual([
      expect.objectContaining({ tenantId: TENANT_A, subStatus: 'Canceled' }),
      expect.objectContaining({
        tenantId: TENANT_B,
        subStatus: 'PendingApproval',
      }),
    ]);
    const audit = await auditEventsOf(testApp.dataSource, ours.id);
    expect(audit.map((event) => event.tenantId)).toEqual([TENANT_A]);

    const theirCancel = await cancel(
      ours.id,
      userToken([READ_WRITE], { tenantId: TENANT_B }),
    );

    expect(theirCancel.status).toBe(204);
    expect(
      (await storedRequestsWithId(testApp.dataSource, ours.id)).map(
        (stored) => stored.subStatus,
      ),
    ).toEqual(['Canceled', 'Canceled']);
    expect(
      (await auditEventsOf(testApp.dataSource, ours.id))
        .map((event) => event.tenantId)
        .sort(),
    ).toEqual([TENANT_A, TENANT_B]);
  });

  it('refuses an application token with only the Read permission, changing nothing', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await cancel(stored.id, appToken([READ]));

    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: 'UnauthorizedAccessException',
      message: 'Attempted to perform an unauthorized operation.',
    });
    expect(
      await findStoredRequest(testApp.dataSource, stored.id),
    ).toMatchObject({ subStatus: 'PendingApproval' });
  });

  describe('query options', () => {
    it.each([
      '$select=id',
      'select=id',
      '$filter=id eq 1',
      '$expand=subject',
      '$top=1',
      '$skip=1',
      '$orderby=id',
      '$count=true',
      '$search=x',
      '$format=json',
      '$skiptoken=x',
      '$SELECT=id',
    ])(
      '%s gets 400 BadRequest naming the option, and no cancel',
      async (query) => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);

        const response = await request(testApp.server)
          .post(`${REQUESTS_PATH}/${stored.id}/cancel?${query}`)
          .set('Authorization', `Bearer ${userToken()}`);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('BadRequest');
        expect(response.body.error.message).toContain(
          `'${query.split('=')[0]}'`,
        );
        expect(
          await findStoredRequest(testApp.dataSource, stored.id),
        ).toMatchObject({ subStatus: 'PendingApproval' });
      },
    );

    it('tells an unauthenticated caller nothing about them: 401 comes first', async () => {
      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${randomUUID()}/cancel?$select=id`)
        .set('Content-Type', 'text/plain')
        .send('a body');

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('InvalidAuthenticationToken');
    });

    it('ignores parameters that are not OData options', async () => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      const response = await request(testApp.server)
        .post(`${REQUESTS_PATH}/${stored.id}/cancel?trace=1`)
        .set('Authorization', `Bearer ${userToken()}`);

      expect(response.status).toBe(204);
    });
  });

  describe('request body', () => {
    it.each([
      ['no body and no content type', undefined, undefined],
      ['an empty JSON body', 'application/json', ''],
      ['a whitespace body', 'application/json', '  \n'],
      ['{} as JSON (Graph JS client)', 'application/json', '{}'],
      ['{ } with charset', 'application/json; charset=utf-8', '{ }'],
      ['null as JSON', 'application/json', 'null'],
    ])('accepts %s', async (_case, contentType, body) => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      let call = cancel(stored.id);
      if (contentType) {
        call = call.set('Content-Type', contentType);
      }
      const response = await (body === undefined ? call : call.send(body));

      expect(response.status).toBe(204);
    });

    it.each([
      ['a JSON object with content', 'application/json', '{"reason":"x"}'],
      ['a JSON array', 'application/json', '[]'],
      ['a JSON string', 'application/json', '"x"'],
      ['malformed JSON', 'application/json', '{"reason":'],
      ['text content', 'text/plain', 'cancel it'],
      ['{} as text', 'text/plain', '{}'],
      ['a form', 'application/x-www-form-urlencoded', 'a=b'],
    ])(
      'refuses %s with 400 BadRequest and cancels nothing',
      async (_case, contentType, body) => {
        const stored = aRequest();
        await storeRequests(testApp.dataSource, stored);

        const response = await cancel(stored.id)
          .set('Content-Type', contentType)
          .send(body);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('BadRequest');
        expect(
          await findStoredRequest(testApp.dataSource, stored.id),
        ).toMatchObject({ subStatus: 'PendingApproval' });
        expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(
          0,
        );
      },
    );
  });

  it.each(['{}', 'null', ''])(
    'accepts %j sent without any Content-Type (Kiota style)',
    async (body) => {
      const stored = aRequest();
      await storeRequests(testApp.dataSource, stored);

      const response = await rawRequest(testApp.baseUrl, {
        method: 'POST',
        path: `${REQUESTS_PATH}/${stored.id}/cancel`,
        headers: {
          Authorization: `Bearer ${userToken()}`,
          'Content-Length': String(body.length),
        },
        body,
      });

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
    },
  );

  it('of 20 parallel cancels of one request, exactly one succeeds and one audit record is written', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => cancel(stored.id)),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    const rejected = responses.filter((response) => response.status !== 204);
    expect(rejected).toHaveLength(19);
    for (const response of rejected) {
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject(CANNOT_BE_CANCELLED);
    }
    expect(await auditEventsOf(testApp.dataSource, stored.id)).toHaveLength(1);
  });
});
