import request from 'supertest';
import { aRequest, REQUESTS_PATH, storeRequests } from './support/requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  appToken,
  READ,
  READ_WRITE,
  TENANT_B,
  userToken,
} from './support/tokens.js';

describe('GET …/roleAssignmentRequests/{id}', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  function get(id: string, token = userToken()) {
    return request(testApp.server)
      .get(`${REQUESTS_PATH}/${id}`)
      .set('Authorization', `Bearer ${token}`);
  }

  it('returns the request in the Graph shape, every key present, with @odata.context', async () => {
    const stored = aRequest({
      id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      linkedEligibleRoleAssignmentId: '11b25b04-2d6f-4d9a-a1e9-bbb4c3d0f8c2',
      scheduleEndDateTime: new Date('2026-11-28T18:00:00.000Z'),
    });
    await storeRequests(testApp.dataSource, stored);

    const response = await get(stored.id);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      '@odata.context': `http://${response.request.url.split('/')[2]}/beta/$metadata#governanceRoleAssignmentRequests/$entity`,
      id: '7c53453e-d5a4-41e0-8eb1-32d5ec8bfdee',
      resourceId: stored.resourceId,
      roleDefinitionId: stored.roleDefinitionId,
      subjectId: stored.subjectId,
      linkedEligibleRoleAssignmentId: '11b25b04-2d6f-4d9a-a1e9-bbb4c3d0f8c2',
      type: 'UserAdd',
      assignmentState: 'Active',
      requestedDateTime: '2026-11-28T09:00:00.000Z',
      reason: 'Deploying a hotfix',
      status: {
        status: 'InProgress',
        subStatus: 'PendingApproval',
        statusDetails: [{ key: 'ApprovalRule', value: 'Pending' }],
      },
      schedule: {
        type: 'Once',
        startDateTime: '2026-11-28T10:00:00.000Z',
        endDateTime: '2026-11-28T18:00:00.000Z',
        duration: 'PT8H',
      },
    });
    // In Graph's order, as the lists show a request.
    expect(Object.keys(response.body)).toEqual([
      '@odata.context',
      'id',
      'resourceId',
      'roleDefinitionId',
      'subjectId',
      'linkedEligibleRoleAssignmentId',
      'type',
      'assignmentState',
      'requestedDateTime',
      'reason',
      'status',
      'schedule',
    ]);
  });

  it('keeps null-valued keys: no schedule, no reason, no linked assignment', async () => {
    const stored = aRequest({
      reason: null,
      scheduleType: null,
      scheduleStartDateTime: null,
      scheduleDuration: null,
      statusDetails: [],
    });
    await storeRequests(testApp.dataSource, stored);

    const response = await get(stored.id);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      reason: null,
      schedule: null,
      linkedEligibleRoleAssignmentId: null,
      status: { statusDetails: [] },
    });
  });

  it('shows a cancel: Closed/Canceled afterwards', async () => {
    const stored = aRequest({ subStatus: 'Granted' });
    await storeRequests(testApp.dataSource, stored);

    await request(testApp.server)
      .post(`${REQUESTS_PATH}/${stored.id}/cancel`)
      .set('Authorization', `Bearer ${userToken()}`)
      .expect(204);
    const response = await get(stored.id);

    expect(response.body.status).toMatchObject({
      status: 'Closed',
      subStatus: 'Canceled',
    });
  });

  it('accepts applications with PrivilegedAccess.Read.AzureResources', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    expect((await get(stored.id, appToken([READ]))).status).toBe(200);
  });

  it('refuses delegated callers with only PrivilegedAccess.Read.AzureResources, as documented', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await get(stored.id, userToken([READ]));

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('UnauthorizedAccessException');
  });

  it.each([
    ['an unknown id', 'f1e2d3c4-b5a6-4978-8877-665544332211'],
    ['a non-GUID id', '12345'],
  ])('answers 400 RoleAssignmentRequestNotFound for %s', async (_case, id) => {
    const response = await get(id);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'RoleAssignmentRequestNotFound',
      message: 'The governanceRoleAssignmentRequest does not exist in system.',
    });
  });

  it("never shows another tenant's request", async () => {
    const theirs = aRequest({ tenantId: TENANT_B });
    await storeRequests(testApp.dataSource, theirs);

    const response = await get(theirs.id);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('RoleAssignmentRequestNotFound');
    expect(JSON.stringify(response.body)).not.toContain(theirs.resourceId);
  });

  it('shows each tenant its own request when two tenants hold one id', async () => {
    const ours = aRequest({ reason: 'asked in tenant A' });
    const theirs = aRequest({
      id: ours.id,
      tenantId: TENANT_B,
      reason: 'asked in tenant B',
      status: 'Closed',
      subStatus: 'Provisioned',
    });
    await storeRequests(testApp.dataSource, ours, theirs);

    const mine = await get(ours.id);
    const other = await get(
      ours.id,
      userToken([READ_WRITE], { tenantId: TENANT_B }),
    );

    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: ours.id,
      reason: 'asked in tenant A',
      status: { status: 'InProgress', subStatus: 'PendingApproval' },
    });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      id: ours.id,
      reason: 'asked in tenant B',
      status: { status: 'Closed', subStatus: 'Provisioned' },
    });
  });

  it('takes $select and $expand, as the documentation says', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${stored.id}?$select=id,status&$expand=subject`)
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual([
      '@odata.context',
      'id',
      'status',
      'subject',
    ]);
    expect(response.body.status).toMatchObject({
      subStatus: 'PendingApproval',
    });
  });

  it('refuses the options of a list with 400 BadRequest', async () => {
    const stored = aRequest();
    await storeRequests(testApp.dataSource, stored);

    const response = await request(testApp.server)
      .get(`${REQUESTS_PATH}/${stored.id}?$top=1`)
      .set('Authorization', `Bearer ${userToken()}`);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'BadRequest' });
    expect(response.body.error.message).toContain("'$top'");
  });
});
